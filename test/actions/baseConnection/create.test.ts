/**
 * AEP Create Base Connection through the real engine: dropdowns from the live catalogue, POST
 * bodies equal to the seeds' examples for the six destinations, checks against the live authSpec
 * before anything is sent, find-or-create, and no secret anywhere it should not be.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { AdobeExperiencePlatform } from '../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import type { ConnectionSpec } from '../../../nodes/AdobeExperiencePlatform/domain/catalogue';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import {
	assertAllRequestsMade,
	expectNameLookup,
	expectPost,
	expectTokenRequest,
	flowService,
	resetNock,
	TOKEN,
} from '../../harness/aep';
import { aepCredentialData, TestCredentialsHelper } from '../../harness/credentials';
import type { WorkflowRun } from '../../harness/engine';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import type { DestinationSlug } from '../../harness/fixtures';
import { listSearch, loadOptions, testCredentialByNode } from '../../harness/load-options';
import { connectionSpecFixture, destinationPicked, expectConnectionSpec, expectConnectionSpecs, expectFlowSpecs, fillPlaceholders, fixture } from '../../harness/fixtures';

const NODE = aepOperation('baseConnection', 'create');
const CREATED = fixture('seed-examples/000-base-connection.response.json');

const S3 = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const BLOB = {
	secretConnectionString:
		'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=blob-S3CR3T-account-key==;EndpointSuffix=core.windows.net',
};
const ADLS = {
	url: 'https://acme.dfs.core.windows.net',
	tenant: 'acme.onmicrosoft.com',
	servicePrincipalId: '6a1f0b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b',
	servicePrincipalSecret: 'adls-S3CR3T-principal-key',
};
const GCS = { accessKeyId: 'GOOG1EEXAMPLEHMACACCESSID', secretAccessKey: 'gcs-S3CR3T-hmac-secret/abc+def' };
const SFTP_PASSWORD = { host: 'sftp.example.com', port: 22, username: 'aep-export', password: 'sftp-S3CR3T-password' };
const SSH_KEY_TEXT =
	'-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-S3CR3T-ssh-key\n-----END OPENSSH PRIVATE KEY-----';
const SSH_KEY_BASE64 = Buffer.from(`${SSH_KEY_TEXT}\n`).toString('base64');
const SFTP_SSH = { host: 'sftp.example.com', port: 22, username: 'aep-export', privateKey: SSH_KEY_TEXT };
const PGP_PUBLIC_KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGTestPublicKeyOnly\n-----END PGP PUBLIC KEY BLOCK-----';

/** Every secret of these tests: none may appear in an output item, an error or a saved parameter. */
const SECRETS = [
	S3.secretAccessKey,
	S3.accessKeyId,
	'blob-S3CR3T-account-key',
	ADLS.servicePrincipalSecret,
	GCS.secretAccessKey,
	SFTP_PASSWORD.password,
	'S3CR3T-ssh-key',
	SSH_KEY_BASE64,
	'p8e-TEST-SECRET-never-leak',
	TOKEN,
];

type Storage = { type: string; data: ICredentialDataDecryptedObject };

function credentialsWith(storage?: Storage, aep: ICredentialDataDecryptedObject = {}) {
	return new TestCredentialsHelper({
		'aep-1': { type: 'aepPlatformApi', data: aepCredentialData(aep) },
		...(storage ? { 'storage-1': storage } : {}),
	});
}

function workflow(parameters: IDataObject, storageType?: string, options: { continueOnFail?: boolean } = {}) {
	const built = chain([{ name: 'Base', type: NODE, parameters }], 'aep-1', options);
	if (storageType) {
		built.nodes[1].credentials = { ...built.nodes[1].credentials, [storageType]: { id: 'storage-1', name: 'Storage' } };
	}
	return built;
}

function parameters(spec: ConnectionSpec, extra: IDataObject): IDataObject {
	return { exportType: 'datasets', destination: destinationPicked(spec), ifExists: 'create', ...extra };
}

/** Captures the POST /connections body and answers as seed 000 does. */
function expectCreate(answer: IDataObject = CREATED, times = 1) {
	return { sent: expectPost<IDataObject>('/connections', answer, { times }) };
}

/** Everything a run leaves behind that a user or a log could see: output, errors (message, description, stack). */
function visibleText(result: WorkflowRun, nodes: INode[]): string {
	const errors = Object.values(result.run.data.resultData.runData)
		.flat()
		.map((run) => run.error)
		.filter(Boolean)
		.map((error) => [error!.message, (error as { description?: string }).description, error!.stack].join('\n'));
	return [JSON.stringify(result.run.data.resultData), ...errors, JSON.stringify(nodes.map((node) => node.parameters))].join(
		'\n',
	);
}

function expectNoSecrets(result: WorkflowRun, nodes: INode[]) {
	const text = visibleText(result, nodes);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('the form', () => {
	test('the Adobe credential comes first, then the storage credential the Storage Credential choice shows', () => {
		const [first, ...storage] = new AdobeExperiencePlatform().description.credentials ?? [];
		expect(first).toEqual({ name: 'aepPlatformApi', required: true });
		for (const slot of storage) {
			expect(slot.displayOptions?.show?.storageCredential).toEqual([slot.name]);
		}
	});

	test('Storage Credential and Auth Method follow the destination (and the auth method), so only what fits is offered', () => {
		const properties = new AdobeExperiencePlatform().description.properties;
		const storage = properties.find((property) => property.name === 'storageCredential')!;
		const names = properties.filter((property) => property.displayOptions?.show?.operation?.includes('create') && property.displayOptions?.show?.resource?.includes('baseConnection')).map((property) => property.name);
		expect(storage.typeOptions).toEqual({
			loadOptionsMethod: 'getStorageCredentialTypes',
			loadOptionsDependsOn: ['destination.value', 'authMethod'],
		});
		// The destination is picked before its auth method, and the auth method before the credential that fills it.
		expect(names.indexOf('destination')).toBeLessThan(names.indexOf('authMethod'));
		expect(names.indexOf('authMethod')).toBeLessThan(names.indexOf('storageCredential'));
	});
});

describe('dropdowns, from the live catalogue', () => {
	// A token n8n already holds: the list fetches both catalogues at once, and two parallel first
	// requests would each fetch a token, as in n8n itself.
	const credentials = () => credentialsWith(undefined, { accessToken: TOKEN });

	test.each(['datasets', 'audiences'])(
		'the destination list offers the six destinations of %s exports, by name, with one catalogue fetch per open',
		async (exportType) => {
			expectConnectionSpecs(2);
			expectFlowSpecs(2);
			const request = { nodeType: NODE, parameters: { exportType }, credentials: credentials() };

			const all = await listSearch('searchDestinations', request);
			const filtered = await listSearch('searchDestinations', request, 'azure');

			assertAllRequestsMade();
			expect(all.results).toEqual([
				{ name: 'Amazon S3', value: '4fce964d-3f37-408f-9778-e597338a21ee' },
				{ name: 'Azure Blob Storage', value: '6d6b59bf-fb58-4107-9064-4d246c0e5bb2' },
				{ name: 'Azure Data Lake Gen2', value: 'be2c3209-53bc-47e7-ab25-145db8b873e1' },
				{ name: 'Data Landing Zone', value: '10440537-2a7b-4583-ac39-ed38d4b848e8' },
				{ name: 'Google Cloud Storage', value: 'c5d93acb-ea8b-4b14-8f53-02138444ae99' },
				{ name: 'SFTP', value: '36965a81-b1c6-401b-99f8-22508f1e6a26' },
			]);
			expect(filtered.results.map((result) => result.name)).toEqual(['Azure Blob Storage', 'Azure Data Lake Gen2']);
		},
	);

	test.each<[DestinationSlug, string[]]>([
		// One auth method: the empty choice first, saying it is that one.
		['amazon-s3', ['', 'Access Key']],
		['azure-blob', ['', 'ConnectionString']],
		['adls-gen2', ['', 'Azure Service Principal Auth']],
		['data-landing-zone', ['']],
		['google-cloud-storage', ['', 'Google Cloud Storage authentication credentials']],
		['sftp', ['SFTP with Password', 'SFTP with SSH Key']],
	])('%s: the auth methods are the spec\'s authSpec names', async (slug, names) => {
		const spec = connectionSpecFixture(slug);
		expectConnectionSpec(spec);

		const options = await loadOptions('getAuthMethods', {
			nodeType: NODE,
			parameters: { destination: destinationPicked(spec) },
			credentials: credentials(),
		});

		assertAllRequestsMade();
		expect(options.map((option) => option.value)).toEqual(names);
		if (slug === 'data-landing-zone') expect(options[0].name).toBe('None (Data Landing Zone takes no credentials)');
		if (slug === 'amazon-s3') {
			expect(options[0]).toEqual({
				name: 'Automatic (Access Key, the Only One)',
				value: '',
				description: 'Amazon S3 has one auth method, which is used',
			});
			// Adobe's internal description ("Defines auth params required for connecting to amazon-s3") is not shown.
			expect(options[1].description).toBeUndefined();
		}
	});

	test.each([
		['amazon-s3', '', ['aepAmazonS3AccessKeyApi', 'aepDestinationCustomAuthApi']],
		['azure-blob', '', ['aepAzureBlobConnectionStringApi', 'aepDestinationCustomAuthApi']],
		['adls-gen2', '', ['aepAzureDataLakeGen2ServicePrincipalApi', 'aepDestinationCustomAuthApi']],
		['data-landing-zone', '', ['none']],
		['google-cloud-storage', '', ['aepGoogleCloudStorageHmacKeyApi', 'aepDestinationCustomAuthApi']],
		['sftp', 'SFTP with Password', ['aepSftpPasswordApi', 'aepDestinationCustomAuthApi']],
		['sftp', 'SFTP with SSH Key', ['aepSftpSshKeyApi', 'aepDestinationCustomAuthApi']],
		['sftp', '', ['aepSftpPasswordApi', 'aepSftpSshKeyApi', 'aepDestinationCustomAuthApi']],
	] as Array<[DestinationSlug, string, string[]]>)('%s, auth method "%s": only the storage credentials that fit are offered', async (slug, authMethod, types) => {
		const spec = connectionSpecFixture(slug);
		expectConnectionSpec(spec);

		const options = await loadOptions('getStorageCredentialTypes', {
			nodeType: NODE,
			parameters: { destination: destinationPicked(spec), authMethod },
			credentials: credentials(),
		});

		assertAllRequestsMade();
		expect(options.map((option) => option.value)).toEqual(types);
	});

	test('encryption: the methods and algorithms of the spec\'s encryptionSpecs', async () => {
		const spec = connectionSpecFixture('amazon-s3');
		expectConnectionSpec(spec, 2);
		const request = {
			nodeType: NODE,
			parameters: { destination: destinationPicked(spec), encryptionMethod: '' },
			credentials: credentials(),
		};

		const methods = await loadOptions('getEncryptionMethods', request);
		const algorithms = await loadOptions('getEncryptionAlgorithms', request);

		assertAllRequestsMade();
		expect(methods.map((option) => option.value)).toEqual(['File PGP/GPG Encryption']);
		expect(algorithms).toEqual([
			{ name: 'PGPGPG', value: 'PGPGPG', description: "The spec's default" },
			{ name: 'NONE', value: 'NONE', description: undefined },
		]);
	});

	test('no destination picked yet: no auth methods and no request', async () => {
		const options = await loadOptions('getAuthMethods', {
			nodeType: NODE,
			parameters: { destination: { __rl: true, mode: 'list', value: '' } },
			credentials: credentials(),
		});
		expect(options).toEqual([]);
	});
});

interface SeedCase {
	slug: DestinationSlug;
	seed: string;
	storage: Storage;
	authMethod: string;
	placeholders: Record<string, unknown>;
}

const SEED_CASES: SeedCase[] = [
	{
		slug: 'amazon-s3',
		seed: '000-base-connection-amazon-s3',
		storage: { type: 'aepAmazonS3AccessKeyApi', data: S3 },
		authMethod: 'Access Key',
		placeholders: { '<Add secret key>': S3.secretAccessKey, '<Add access key>': S3.accessKeyId },
	},
	{
		slug: 'azure-blob',
		seed: '000-base-connection-azure-blob',
		storage: { type: 'aepAzureBlobConnectionStringApi', data: BLOB },
		authMethod: 'ConnectionString',
		placeholders: { '<Add Azure Blob connection string>': BLOB.secretConnectionString },
	},
	{
		slug: 'adls-gen2',
		seed: '000-base-connection-adls-gen2',
		storage: { type: 'aepAzureDataLakeGen2ServicePrincipalApi', data: ADLS },
		authMethod: 'Azure Service Principal Auth',
		placeholders: {
			'<Add servicePrincipalKey>': ADLS.servicePrincipalSecret,
			'<Add url>': ADLS.url,
			'<Add tenant>': ADLS.tenant,
			'<Add servicePrincipalId>': ADLS.servicePrincipalId,
		},
	},
	{
		slug: 'google-cloud-storage',
		seed: '000-base-connection-google-cloud-storage',
		storage: { type: 'aepGoogleCloudStorageHmacKeyApi', data: GCS },
		authMethod: 'Google Cloud Storage authentication credentials',
		placeholders: { '<Add accessKeyId>': GCS.accessKeyId, '<Add secret Access Key>': GCS.secretAccessKey },
	},
	{
		slug: 'sftp',
		seed: '000-base-connection-sftp-password',
		storage: { type: 'aepSftpPasswordApi', data: SFTP_PASSWORD },
		authMethod: 'SFTP with Password',
		placeholders: {
			'<Add domain>': SFTP_PASSWORD.host,
			'<Add username>': SFTP_PASSWORD.username,
			'<Add password>': SFTP_PASSWORD.password,
		},
	},
	{
		slug: 'sftp',
		seed: '000-base-connection-sftp-ssh-key',
		storage: { type: 'aepSftpSshKeyApi', data: SFTP_SSH },
		authMethod: 'SFTP with SSH Key',
		placeholders: {
			'<Add domain>': SFTP_SSH.host,
			'<Add username>': SFTP_SSH.username,
			// AEP takes the key Base64-encoded; the credential holds it as pasted.
			'<Add SSH key>': SSH_KEY_BASE64,
		},
	},
];

describe('POST /connections equals the seeds\' examples', () => {
	test.each(SEED_CASES)('$seed', async ({ slug, seed, storage, authMethod, placeholders }) => {
		const spec = connectionSpecFixture(slug);
		const expected = fillPlaceholders(fixture(`seed-examples/${seed}.request.json`), placeholders);
		expectTokenRequest();
		expectConnectionSpec(spec);
		const { sent } = expectCreate();

		const { nodes, connections } = workflow(
			parameters(spec, { name: expected.name, authMethod, storageCredential: storage.type }),
			storage.type,
		);
		const result = await runWorkflow({ nodes, connections, credentials: credentialsWith(storage) });

		assertAllRequestsMade();
		expect(result.error('Base')).toBeUndefined();
		expect(sent).toEqual([expected]);
		expect(result.output('Base').map((item) => item.json)).toEqual([
			{
				id: CREATED.id,
				etag: CREATED.etag,
				name: expected.name,
				created: true,
				connectionSpec: { id: spec.id, version: '1.0' },
				destination: spec.name,
				authSpecName: authMethod,
				encryptionSpecName: null,
			},
		]);
		expect(result.output('Base')[0].pairedItem).toEqual({ item: 0 });
		expectNoSecrets(result, nodes);
	});

	test('Data Landing Zone: no auth, and the connectionSpec the seed\'s truncated example leaves out (fixtures README §5.4)', async () => {
		const spec = connectionSpecFixture('data-landing-zone');
		const seed = fixture('seed-examples/000-base-connection-data-landing-zone.request.json');
		expectTokenRequest();
		expectConnectionSpec(spec);
		const { sent } = expectCreate();

		const result = await runWorkflow({
			...workflow(parameters(spec, { name: seed.name, authMethod: '', storageCredential: 'none' })),
			credentials: credentialsWith(),
		});

		assertAllRequestsMade();
		expect(sent).toEqual([{ ...seed, connectionSpec: { id: spec.id, version: '1.0' } }]);
		expect(result.output('Base')[0].json).toMatchObject({ id: CREATED.id, authSpecName: null });
	});

	test('the OpenAPI examples\' SFTP variant: whatever the live authSpec calls the method and its fields (host, port) is what is sent', async () => {
		const spec = connectionSpecFixture('sftp');
		// A live spec shaped like the OpenAPI examples: other method names, `host` besides `domain`, an integer `port`.
		spec.authSpec = [
			{
				name: 'Basic Authentication for sftp',
				type: 'SFTP',
				spec: {
					type: 'object',
					properties: {
						domain: { type: 'string' },
						host: { type: 'string' },
						username: { type: 'string' },
						password: { type: 'string', format: 'password' },
					},
					required: ['domain', 'host', 'username', 'password'],
				},
			},
			{
				name: 'SSH PublicKey Authentication for sftp',
				type: 'SFTP',
				spec: {
					type: 'object',
					properties: {
						domain: { type: 'string' },
						host: { type: 'string' },
						username: { type: 'string' },
						sshKey: { type: 'string', format: 'password', contentEncoding: 'base64' },
						port: { type: 'integer' },
					},
					required: ['domain', 'host', 'username', 'sshKey', 'port'],
				},
			},
		];
		const fill = (storage: typeof SFTP_PASSWORD | typeof SFTP_SSH) => ({
			'{DOMAIN}': storage.host,
			'{HOST}': storage.host,
			'{USERNAME}': storage.username,
			'{PASSWORD}': SFTP_PASSWORD.password,
			'{SSH_KEY}': SSH_KEY_BASE64,
		});
		const cases = [
			{
				// The seed's name for the method is accepted as an alias of the live one.
				authMethod: 'SFTP with Password',
				storage: { type: 'aepSftpPasswordApi', data: SFTP_PASSWORD },
				example: 'openapi-postTargetBaseConnection.request.Create_SFTP_With_Password_Connection',
			},
			{
				authMethod: 'SSH PublicKey Authentication for sftp',
				storage: { type: 'aepSftpSshKeyApi', data: SFTP_SSH },
				example: 'openapi-postTargetBaseConnection.request.Create_SFTP_With_SSH_Key_Connection',
			},
		];
		for (const { authMethod, storage, example } of cases) {
			resetNock();
			const expected = fillPlaceholders(fixture(`seed-examples/${example}.json`), fill(storage.data));
			expectTokenRequest();
			expectConnectionSpec(spec);
			const { sent } = expectCreate();

			const result = await runWorkflow({
				...workflow(parameters(spec, { name: expected.name, authMethod, storageCredential: storage.type }), storage.type),
				credentials: credentialsWith(storage),
			});

			assertAllRequestsMade();
			expect(result.error('Base')).toBeUndefined();
			expect(sent).toEqual([expected]);
		}
	});

	test('the custom JSON credential serves any auth method: its values go out under the names it gives', async () => {
		const spec = connectionSpecFixture('sftp');
		const expected = fillPlaceholders(fixture('seed-examples/000-base-connection-sftp-password.request.json'), {
			'<Add domain>': 'sftp.example.com',
			'<Add username>': 'aep-export',
			'<Add password>': SFTP_PASSWORD.password,
		});
		const storage = {
			type: 'aepDestinationCustomAuthApi',
			data: { secretParametersJson: JSON.stringify({ domain: 'sftp.example.com', username: 'aep-export', password: SFTP_PASSWORD.password }) },
		};
		expectTokenRequest();
		expectConnectionSpec(spec);
		const { sent } = expectCreate();

		const { nodes, connections } = workflow(
			parameters(spec, { name: expected.name, authMethod: 'SFTP with Password', storageCredential: storage.type }),
			storage.type,
		);
		const result = await runWorkflow({ nodes, connections, credentials: credentialsWith(storage) });

		assertAllRequestsMade();
		expect(sent).toEqual([expected]);
		expectNoSecrets(result, nodes);
	});

	test('PGP encryption as seed 004 sends it, under the live encryption spec\'s name (fixtures README §5.7)', async () => {
		const spec = connectionSpecFixture('sftp');
		const seed = fixture('seed-examples/004-base-connection-sftp-ssh-key-encryption.request.json');
		const expected = fillPlaceholders(seed, {
			'<Add domain>': SFTP_SSH.host,
			'<Add username>': SFTP_SSH.username,
			'<Add SSH key>': SSH_KEY_BASE64,
			'<Add public key>': Buffer.from(`${PGP_PUBLIC_KEY}\n`).toString('base64'),
		});
		(expected.encryptionSpecs as IDataObject).specName = 'File PGP/GPG Encryption';
		expectTokenRequest();
		expectConnectionSpec(spec);
		const { sent } = expectCreate(fixture('seed-examples/004-base-connection-encryption.response.json'));

		const result = await runWorkflow({
			...workflow(
				parameters(spec, {
					name: seed.name,
					authMethod: 'SFTP with SSH Key',
					storageCredential: 'aepSftpSshKeyApi',
					encrypt: true,
					encryptionMethod: '',
					encryptionAlgorithm: '',
					publicKey: PGP_PUBLIC_KEY,
				}),
				'aepSftpSshKeyApi',
			),
			credentials: credentialsWith({ type: 'aepSftpSshKeyApi', data: SFTP_SSH }),
		});

		assertAllRequestsMade();
		expect(sent).toEqual([expected]);
		expect(result.output('Base')[0].json).toMatchObject({ encryptionSpecName: 'File PGP/GPG Encryption' });
	});
});

describe('bad input fails before anything is sent, naming the field', () => {
	const s3 = connectionSpecFixture('amazon-s3');

	async function runFailing(params: IDataObject, storage?: Storage) {
		const { nodes, connections } = workflow(params, storage?.type);
		const result = await runWorkflow({ nodes, connections, credentials: credentialsWith(storage) });
		// Only the token and the spec were asked for: no POST interceptor exists, so a POST would fail differently.
		assertAllRequestsMade();
		expectNoSecrets(result, nodes);
		return result.error('Base')!;
	}

	test('an auth method the spec does not have', async () => {
		expectTokenRequest();
		expectConnectionSpec(s3);
		const error = await runFailing(
			parameters(s3, { name: 'S3', authMethod: 'OAuth', storageCredential: 'aepAmazonS3AccessKeyApi' }),
			{ type: 'aepAmazonS3AccessKeyApi', data: S3 },
		);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			'Invalid Auth Method: "OAuth". Allowed: "Access Key" (the auth methods in Amazon S3\'s connection spec).',
		);
	});

	test('an S3 access key against the authSpec pattern: the field and pattern are named, the value is not', async () => {
		expectTokenRequest();
		expectConnectionSpec(s3);
		const badKey = 'AKIA-lower-case-key!';
		const error = await runFailing(
			parameters(s3, { name: 'S3', authMethod: 'Access Key', storageCredential: 'aepAmazonS3AccessKeyApi' }),
			{ type: 'aepAmazonS3AccessKeyApi', data: { ...S3, accessKeyId: badKey } },
		);
		expect(error.message).toBe(
			'Invalid Access Key ID in credential "Amazon S3 Access Key for Adobe Experience Platform (AEP) API": the value given (hidden, it comes from a credential). Allowed: 20 characters: upper-case letters A-Z and digits 2-7 (AWS access key IDs begin with AKIA) (the "Access Key" auth method of Amazon S3).',
		);
		// The pattern only in the details, the value nowhere.
		expect(error.message).not.toContain('^[A-Z2-7]{20}$');
		expect(error.description).toContain('Access Key ID must match the pattern ^[A-Z2-7]{20}$.');
		expect(`${error.message} ${error.description}`).not.toContain(badKey);
	});

	test('a required authSpec field the credential does not fill', async () => {
		const adls = connectionSpecFixture('adls-gen2');
		expectTokenRequest();
		expectConnectionSpec(adls);
		const error = await runFailing(
			parameters(adls, {
				name: 'ADLS',
				authMethod: 'Azure Service Principal Auth',
				storageCredential: 'aepAzureDataLakeGen2ServicePrincipalApi',
			}),
			{ type: 'aepAzureDataLakeGen2ServicePrincipalApi', data: { ...ADLS, tenant: '' } },
		);
		expect(error.message).toBe(
			'Missing Tenant in credential "ADLS Gen2 Service Principal for Adobe Experience Platform (AEP) API": the "Azure Service Principal Auth" auth method of Azure Data Lake Gen2 requires it.',
		);
	});

	test('a storage credential of another destination: the mismatch is explained before the credential is read', async () => {
		const gcs = connectionSpecFixture('google-cloud-storage');
		expectTokenRequest();
		expectConnectionSpec(gcs);
		const error = await runFailing(
			parameters(gcs, { name: 'GCS', authMethod: '', storageCredential: 'aepAmazonS3AccessKeyApi' }),
			{ type: 'aepAmazonS3AccessKeyApi', data: S3 },
		);
		expect(error.message).toBe(
			'Invalid Storage Credential: "Amazon S3 Access Key". An "Amazon S3 Access Key" credential does not hold the values of Google Cloud Storage\'s "Google Cloud Storage authentication credentials" auth method. Allowed: "Google Cloud Storage HMAC Key" or "Custom JSON (Any Destination or Auth Method)".',
		);
	});

	test('no storage credential for a destination that needs one, and one for Data Landing Zone', async () => {
		expectTokenRequest();
		expectConnectionSpec(s3);
		const none = await runFailing(parameters(s3, { name: 'S3', authMethod: 'Access Key', storageCredential: 'none' }));
		expect(none.message).toBe(
			'Invalid Storage Credential: "none". Amazon S3\'s "Access Key" auth method needs credentials. Allowed: "Amazon S3 Access Key" or "Custom JSON (Any Destination or Auth Method)".',
		);

		resetNock();
		const dlz = connectionSpecFixture('data-landing-zone');
		expectTokenRequest();
		expectConnectionSpec(dlz);
		const extra = await runFailing(
			parameters(dlz, { name: 'DLZ', authMethod: '', storageCredential: 'aepAmazonS3AccessKeyApi' }),
			{ type: 'aepAmazonS3AccessKeyApi', data: S3 },
		);
		expect(extra.message).toBe(
			'Invalid Storage Credential: "aepAmazonS3AccessKeyApi". Allowed: "none". Data Landing Zone takes no credentials.',
		);
	});

	test('encryption without a public key, and an algorithm the encryption spec does not offer', async () => {
		const sftp = connectionSpecFixture('sftp');
		const storage = { type: 'aepSftpPasswordApi', data: SFTP_PASSWORD };
		const base = { name: 'SFTP', authMethod: 'SFTP with Password', storageCredential: storage.type, encrypt: true };
		expectTokenRequest();
		expectConnectionSpec(sftp);
		const missing = await runFailing(parameters(sftp, { ...base, publicKey: '  ' }), storage);
		expect(missing.message).toBe(
			'Missing Base64 encoded RSA public key in the encryption settings: the "File PGP/GPG Encryption" encryption spec of SFTP requires it.',
		);

		resetNock();
		expectTokenRequest();
		expectConnectionSpec(sftp);
		const algorithm = await runFailing(
			parameters(sftp, { ...base, publicKey: PGP_PUBLIC_KEY, encryptionAlgorithm: 'AES' }),
			storage,
		);
		expect(algorithm.message).toBe(
			'Invalid Algorithm for encryption in the encryption settings: "AES". Allowed: one of "PGPGPG", "NONE" (the "File PGP/GPG Encryption" encryption spec of SFTP).',
		);
	});

	test('a custom JSON credential that is not JSON: the message does not quote it', async () => {
		const sftp = connectionSpecFixture('sftp');
		const storage = { type: 'aepDestinationCustomAuthApi', data: { secretParametersJson: `{"password": "${SFTP_PASSWORD.password}",}` } };
		expectTokenRequest();
		expectConnectionSpec(sftp);
		const error = await runFailing(
			parameters(sftp, { name: 'SFTP', authMethod: 'SFTP with Password', storageCredential: storage.type }),
			storage,
		);
		expect(error.message).toBe(
			'Credential "Custom Destination Auth for Adobe Experience Platform (AEP) API": the JSON of the custom credential cannot be read (check quotes and commas)',
		);
	});

	test('a destination ID that is not one, before any request at all', async () => {
		const typed = { exportType: 'datasets', name: 'S3', storageCredential: 'none' };
		// Typed in the ID field: n8n refuses the workflow from the field's own validation.
		await expect(
			runWorkflow({
				...workflow({ ...typed, destination: { __rl: true, mode: 'id', value: 'amazon-s3' } }),
				credentials: credentialsWith(),
			}),
		).rejects.toThrow('A connection spec ID is a UUID');
		// From an expression: the node's own check.
		const error = await runFailing({ ...typed, destination: { __rl: true, mode: 'id', value: '={{ "amazon-s3" }}' } });
		expect(error.message).toBe(
			'Invalid Destination: "amazon-s3". Allowed: a destination picked from the list, or its connection spec ID (a UUID such as 4fce964d-3f37-408f-9778-e597338a21ee).',
		);
	});
});

describe('if one with this name already exists', () => {
	const s3 = connectionSpecFixture('amazon-s3');
	const storage = { type: 'aepAmazonS3AccessKeyApi', data: S3 };
	const name = 'Amazon S3 Base Connection';
	/** As GET /connections answers (OpenAPI ConnectionsResponse): auth.params echo the secrets. */
	const existing = {
		id: '340d288f-c020-435d-a41f-094520fa83eb',
		createdAt: 1634785125699,
		name,
		connectionSpec: { id: s3.id, version: '1.0' },
		auth: { specName: 'Access Key', params: { s3SecretKey: S3.secretAccessKey, s3AccessKey: S3.accessKeyId } },
		state: 'enabled',
		etag: '"26013a41-0000-0200-0000-6361687a0000"',
	};
	const lookup = (items: IDataObject[]) => expectNameLookup('/connections', name, items);

	async function run(ifExists: string, extra: IDataObject = {}) {
		const { nodes, connections } = workflow(
			parameters(s3, { name, authMethod: 'Access Key', storageCredential: storage.type, ifExists, ...extra }),
			storage.type,
		);
		const result = await runWorkflow({ nodes, connections, credentials: credentialsWith(storage) });
		expectNoSecrets(result, nodes);
		return result;
	}

	test('reuse: the newest exact match is output (never its auth.params) and nothing is created', async () => {
		expectTokenRequest();
		expectConnectionSpec(s3);
		lookup([
			{ ...existing, id: 'older', createdAt: 1 },
			existing,
			{ ...existing, id: 'other-name', name: `${name} (copy)` },
		]);

		const result = await run('reuse');

		assertAllRequestsMade();
		expect(result.output('Base').map((item) => item.json)).toEqual([
			{
				id: existing.id,
				etag: existing.etag,
				name,
				created: false,
				connectionSpec: { id: s3.id, version: '1.0' },
				destination: 'Amazon S3',
				authSpecName: 'Access Key',
				encryptionSpecName: null,
				state: 'enabled',
			},
		]);
	});

	test('reuse: none with that name yet, so one is created', async () => {
		expectTokenRequest();
		expectConnectionSpec(s3);
		lookup([]);
		const { sent } = expectCreate();

		const result = await run('reuse');

		assertAllRequestsMade();
		expect(sent).toHaveLength(1);
		expect(result.output('Base')[0].json).toMatchObject({ id: CREATED.id, created: true });
	});

	test('reuse never takes one of another destination (connection spec): a new one is created', async () => {
		expectTokenRequest();
		expectConnectionSpec(s3);
		lookup([{ ...existing, connectionSpec: { id: '4890fc95-5a1f-4983-94bb-e060c08e3f81' } }]);
		const { sent } = expectCreate();

		const result = await run('reuse');

		assertAllRequestsMade();
		expect(sent).toHaveLength(1);
		expect(result.output('Base')[0].json).toMatchObject({
			id: CREATED.id,
			created: true,
			connectionSpec: { id: s3.id, version: '1.0' },
		});
	});

	test('fail', async () => {
		expectTokenRequest();
		expectConnectionSpec(s3);
		lookup([existing]);

		const result = await run('fail');

		assertAllRequestsMade();
		expect(result.error('Base')!.message).toBe(
			'A base connection named "Amazon S3 Base Connection" already exists (ID 340d288f-c020-435d-a41f-094520fa83eb)',
		);
	});

	test('a name with a comma cannot be looked up (a comma is "or" in AEP\'s filter): refused before any request', async () => {
		// No interceptor at all: the name is checked before the catalogue is read.
		const result = await run('reuse', { name: 'S3, exports' });

		assertAllRequestsMade();
		expect(result.error('Base')!.message).toBe(
			'Invalid Name: "S3, exports". Allowed: a name without commas, because AEP\'s name filter reads a comma as "or". Remove the comma, or set "If One With This Name Already Exists" to Create Another, which does not look the name up.',
		);
	});

	test('three items: the spec is fetched once, each item looks its name up and creates (measured: 1 + 3 + 3 requests)', async () => {
		const names = ['S3 a', 'S3 b', 'S3 c'];
		expectTokenRequest();
		expectConnectionSpec(s3); // answers once: a second GET would find no interceptor
		for (const each of names) {
			flowService().get('/connections').query({ property: `name==${each}`, limit: '100' }).reply(200, { items: [] });
		}
		const { sent } = expectCreate(CREATED, 3);

		const { nodes, connections } = workflow(
			parameters(s3, { name: '={{ $json.name }}', authMethod: 'Access Key', storageCredential: storage.type, ifExists: 'reuse' }),
			storage.type,
		);
		const result = await runWorkflow({
			nodes,
			connections,
			credentials: credentialsWith(storage),
			input: names.map((each) => ({ name: each })),
		});

		assertAllRequestsMade();
		expect(result.error('Base')).toBeUndefined();
		expect(sent.map((body) => body.name)).toEqual(names);
		expect(result.output('Base').map((item) => [item.json.name, item.pairedItem])).toEqual([
			['S3 a', { item: 0 }],
			['S3 b', { item: 1 }],
			['S3 c', { item: 2 }],
		]);
	});
});

describe('credential test (testedBy): the values checked locally, never sent', () => {
	test.each([
		['aepAmazonS3AccessKeyApi', S3, 'Amazon S3\'s "Access Key"'],
		['aepAzureBlobConnectionStringApi', BLOB, 'Azure Blob Storage\'s "ConnectionString"'],
		['aepAzureDataLakeGen2ServicePrincipalApi', ADLS, 'Azure Data Lake Gen2\'s "Azure Service Principal Auth"'],
		['aepGoogleCloudStorageHmacKeyApi', GCS, 'Google Cloud Storage\'s "Google Cloud Storage authentication credentials"'],
		['aepSftpPasswordApi', SFTP_PASSWORD, 'SFTP\'s "SFTP with Password"'],
		['aepSftpSshKeyApi', SFTP_SSH, 'SFTP\'s "SFTP with SSH Key"'],
	])('%s: valid values pass', async (type, data, method) => {
		const result = await testCredentialByNode(NODE, type, data);
		expect(result).toEqual({
			status: 'OK',
			message: `The values have the form ${method} auth method expects. Only AEP can try them against the storage: it does so when the base connection is created.`,
		});
	});

	test('a bad S3 secret key is named, not shown', async () => {
		const secret = 'too-short/secret';
		const result = await testCredentialByNode(NODE, 'aepAmazonS3AccessKeyApi', { ...S3, secretAccessKey: secret });
		expect(result.status).toBe('Error');
		// Named by the credential form's label, never by the internal name.
		expect(result.message).toContain('Invalid Secret Access Key in this credential');
		expect(result.message).not.toContain('s3SecretKey');
		expect(result.message).not.toContain(secret);
	});

	test('custom JSON: an object passes, anything else fails without being quoted', async () => {
		expect(await testCredentialByNode(NODE, 'aepDestinationCustomAuthApi', { secretParametersJson: '{"password": "x"}' })).toEqual({
			status: 'OK',
			message: "A JSON object with 1 parameter: the node checks it against the destination's live authSpec before sending it",
		});
		const broken = await testCredentialByNode(NODE, 'aepDestinationCustomAuthApi', { secretParametersJson: '{"password": "hunter2"' });
		expect(broken.status).toBe('Error');
		expect(broken.message).not.toContain('hunter2');
	});
});
