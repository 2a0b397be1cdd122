/** Base Connection → Create: if one with this name already exists. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectNameLookup, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { runWorkflow } from '../../harness/engine';
import { connectionSpecFixture, expectConnectionSpec } from '../../harness/fixtures';
import { CREATED, S3, credentialsWith, workflow, parameters, expectCreate, expectNoSecrets } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

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
	// After a create, "Reuse It" looks again, so that concurrent runs converge on the oldest connection.
	const lookup = (items: IDataObject[]) => {
		if (items.length === 0) expectNameLookup('/connections', name, []);
		return expectNameLookup('/connections', name, items);
	};

	async function run(ifExists: string, extra: IDataObject = {}) {
		const { nodes, connections } = workflow(
			parameters(s3, { name, authMethod: 'Access Key', storageCredential: storage.type, ifExists, ...extra }),
			storage.type,
		);
		const result = await runWorkflow({ nodes, connections, credentials: credentialsWith(storage) });
		expectNoSecrets(result, nodes);
		return result;
	}

	test('reuse: the oldest exact match is output (never its auth.params) and nothing is created', async () => {
		expectTokenRequest();
		expectConnectionSpec(s3);
		lookup([
			existing,
			{ ...existing, id: 'older', createdAt: 1 },
			{ ...existing, id: 'other-name', name: `${name} (copy)`, createdAt: 0 },
		]);

		const result = await run('reuse');

		assertAllRequestsMade();
		expect(result.output('Base').map((item) => item.json)).toEqual([
			{
				id: 'older',
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
		const otherDestination = { ...existing, connectionSpec: { id: '4890fc95-5a1f-4983-94bb-e060c08e3f81' } };
		expectTokenRequest();
		expectConnectionSpec(s3);
		// Looked up before the create and again after it: the other destination's is never a candidate.
		expectNameLookup('/connections', name, [otherDestination]);
		lookup([otherDestination]);
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

	test('three items: the spec is fetched once, each item looks its name up and creates (measured: 1 + 6 + 3 requests)', async () => {
		const names = ['S3 a', 'S3 b', 'S3 c'];
		expectTokenRequest();
		expectConnectionSpec(s3); // answers once: a second GET would find no interceptor
		for (const each of names) {
			// Looked up before the create and again after it ("Reuse It" converges on the oldest).
			flowService().get('/connections').query({ property: `name==${each}`, limit: '100' }).times(2).reply(200, { items: [] });
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
