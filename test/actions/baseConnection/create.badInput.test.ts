/** Base Connection → Create: bad input fails before anything is sent, naming the field; secrets never shown. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { runWorkflow } from '../../harness/engine';
import { connectionSpecFixture, expectConnectionSpec } from '../../harness/fixtures';
import { S3, ADLS, SFTP_PASSWORD, PGP_PUBLIC_KEY, Storage, credentialsWith, workflow, parameters, expectNoSecrets } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

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

		// The spec is kept from the run before (per credential and sandbox): this run reads nothing at all.
		resetNock();
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
