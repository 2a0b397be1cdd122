/** Base Connection → Create: POST /connections equals the examples of Adobe's tutorials, for every storage credential. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { runWorkflow } from '../../harness/engine';
import { connectionSpecFixture, expectConnectionSpec, fillPlaceholders, fixture } from '../../harness/fixtures';
import { CREATED, SFTP_PASSWORD, SSH_KEY_BASE64, SFTP_SSH, PGP_PUBLIC_KEY, credentialsWith, workflow, parameters, expectCreate, expectNoSecrets, SEED_CASES } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

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
			// Read by the first run only: the catalogue is kept per credential and sandbox across executions.
			if (authMethod === cases[0].authMethod) expectConnectionSpec(spec);
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
