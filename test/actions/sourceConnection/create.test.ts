/**
 * AEP Create Source Connection through the real engine: eligible datasets as a dropdown or from
 * incoming items (one source connection for all items or one per item), the Profile store for
 * audiences, bodies equal to the seeds' and OpenAPI examples, find-or-create.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

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
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { loadOptions } from '../../harness/load-options';
import { fillPlaceholders, fixture } from '../../harness/fixtures';

const NODE = aepOperation('sourceConnection', 'create');
const DATA_LAKE = '23598e46-f560-407b-88d5-ea6207e49db0';
const PROFILE_STORE = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';
const CONFIGS = `/connectionSpecs/${DATA_LAKE}/configs`;
const CREATED = fixture('seed-examples/000-source-connection.response.json');
const SEED_DATASETS = fixture<{ items: IDataObject[] }>('seed-examples/000-datasets.response.json').items;

/** The eligible datasets in two pages of 100, as seed 000's answer starts them (total 149). */
function expectEligibleDatasets() {
	const more = Array.from({ length: 144 }, (_, n) => ({
		id: `6${String(n).padStart(23, '0')}`,
		name: `Dataset ${n}`,
		state: 'DRAFT',
	}));
	const all = [...SEED_DATASETS, ...more];
	const page = (start: number) =>
		flowService()
			.get(CONFIGS)
			.query({ outputType: 'activationDatasets', outputField: 'datasets', start: String(start), limit: '100' })
			.reply(200, {
				items: all.slice(start, start + 100),
				pageInfo: { start, end: Math.min(start + 99, all.length - 1), total: all.length, hasNext: start + 100 < all.length },
			});
	page(0);
	page(100);
}

function expectCreate(times = 1, answer: IDataObject = CREATED) {
	return expectPost<IDataObject>('/sourceConnections', answer, { times });
}

async function runSource(parameters: IDataObject, input?: IDataObject[], options: { continueOnFail?: boolean } = {}) {
	return await runWorkflow({
		...chain([{ name: 'Source', type: NODE, parameters }], 'aep-1', options),
		credentials: aepCredentials(),
		input,
	});
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('eligible datasets dropdown', () => {
	test('every page of eligible datasets, by name, the ID as value', async () => {
		expectEligibleDatasets();

		const options = await loadOptions('getEligibleDatasets', {
			nodeType: NODE,
			parameters: { exportType: 'datasets', datasetSource: 'list' },
			credentials: aepCredentials({ accessToken: TOKEN }),
		});

		assertAllRequestsMade();
		expect(options).toHaveLength(149);
		expect(options.slice(0, 2)).toEqual([
			{
				name: 'AAM Authenticated Profiles Meta Data',
				value: '5ef3e324052581191aa6a466',
				description: 'ID 5ef3e324052581191aa6a466, DRAFT',
			},
			{ name: 'AAM Devices Data', value: '5ef3e3259ad2a1191ab7dd7d', description: 'ID 5ef3e3259ad2a1191ab7dd7d, DRAFT' },
		]);
	});
});

describe('datasets (Data Lake)', () => {
	test('picked from the list: the body equals seed 000\'s, names taken from the eligible list', async () => {
		const expected = fixture('seed-examples/000-source-connection.request.json');
		expectTokenRequest();
		expectEligibleDatasets();
		const sent = expectCreate();

		const result = await runSource({
			exportType: 'datasets',
			name: expected.name,
			datasetSource: 'list',
			datasetIds: ['5ef3e3259ad2a1191ab7dd7d'],
			ifExists: 'create',
			options: { description: expected.description },
		});

		assertAllRequestsMade();
		expect(result.error('Source')).toBeUndefined();
		expect(sent).toEqual([expected]);
		expect(result.output('Source').map((item) => item.json)).toEqual([
			{
				id: CREATED.id,
				etag: CREATED.etag,
				name: 'Connecting to Data Lake',
				created: true,
				connectionSpec: { id: DATA_LAKE, version: '1.0' },
				exportType: 'datasets',
				datasets: [{ dataSetId: '5ef3e3259ad2a1191ab7dd7d', name: 'AAM Devices Data' }],
			},
		]);
	});

	test('from incoming items, one for all: the OpenAPI example\'s two datasets in one source connection, paired with both items (1 request)', async () => {
		const expected = fixture('seed-examples/openapi-postSourceConnection.request.Create_Source_Connection_Data_Lake.json');
		const datasets = (expected.params as { datasets: Array<{ dataSetId: string; name: string }> }).datasets;
		expectTokenRequest();
		const sent = expectCreate();

		const result = await runSource(
			{
				exportType: 'datasets',
				name: expected.name,
				datasetSource: 'input',
				// The defaults read AEP Dataset List's output: ={{ $json.id }} and ={{ $json.name }}.
				grouping: 'all',
				ifExists: 'create',
				options: { description: expected.description },
			},
			datasets.map((dataset) => ({ id: dataset.dataSetId, name: dataset.name })),
		);

		assertAllRequestsMade();
		expect(sent).toEqual([expected]);
		expect(result.output('Source')).toHaveLength(1);
		expect(result.output('Source')[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('from incoming items, one per item: names missing from the items are looked up in one eligible-list fetch (2 pages + 2 POSTs)', async () => {
		expectTokenRequest();
		expectEligibleDatasets();
		const sent = expectCreate(2);

		const result = await runSource(
			{
				exportType: 'datasets',
				name: '={{ "Export " + $json.id }}',
				datasetSource: 'input',
				grouping: 'each',
				ifExists: 'create',
			},
			[{ id: '5ef3e3259ad2a1191ab7dd7d' }, { id: '5ef3e328582424191b1beb44' }],
		);

		assertAllRequestsMade();
		expect(sent.map((body) => body.params)).toEqual([
			{ datasets: [{ dataSetId: '5ef3e3259ad2a1191ab7dd7d', name: 'AAM Devices Data' }] },
			{ datasets: [{ dataSetId: '5ef3e328582424191b1beb44', name: 'AAM Realtime' }] },
		]);
		expect(result.output('Source').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a picked dataset that is not eligible, and an item without a dataset ID, fail before the POST', async () => {
		expectTokenRequest();
		expectEligibleDatasets();
		const notEligible = await runSource({
			exportType: 'datasets',
			name: 'Export',
			datasetSource: 'list',
			datasetIds: ['5ef3e3259ad2a1191ab7dd7d', '0000000000000000deadbeef'],
			ifExists: 'create',
		});
		assertAllRequestsMade();
		expect(notEligible.error('Source')!.message).toBe(
			'Invalid Datasets: "0000000000000000deadbeef". Allowed: datasets AEP lists as eligible for export (149 in this sandbox); this ID is not one of them.',
		);

		resetNock();
		const noId = await runSource(
			{ exportType: 'datasets', name: 'Export', datasetSource: 'input', grouping: 'all', ifExists: 'create' },
			[{ id: '5ef3e3259ad2a1191ab7dd7d', name: 'AAM Devices Data' }, { title: 'not a dataset' }],
		);
		expect(noId.error('Source')!.message).toBe(
			'Invalid Dataset ID: nothing. Allowed: the ID of a dataset that can be exported (e.g. the id output by AEP Dataset List).',
		);
		expect(noId.error('Source')!.context?.itemIndex).toBe(1);
	});

	test('continue on fail, picked from the list: the item yields an error item', async () => {
		const result = await runSource(
			{ exportType: 'datasets', name: 'Export', datasetSource: 'list', datasetIds: [], ifExists: 'create' },
			[{}],
			{ continueOnFail: true },
		);
		expect(result.output('Source').map((item) => item.json.error)).toEqual([
			'Invalid Datasets: []. Allowed: at least one dataset that can be exported.',
		]);
	});

	test('continue on fail, one for all: one error item paired with every item', async () => {
		const result = await runSource(
			{ exportType: 'datasets', name: 'Export', datasetSource: 'input', grouping: 'all', ifExists: 'create' },
			[{ id: '5ef3e3259ad2a1191ab7dd7d', name: 'AAM Devices Data' }, { title: 'not a dataset' }],
			{ continueOnFail: true },
		);
		expect(result.output('Source').map((item) => [item.json.error, item.pairedItem])).toEqual([
			[
				'Invalid Dataset ID: nothing. Allowed: the ID of a dataset that can be exported (e.g. the id output by AEP Dataset List).',
				[{ item: 0 }, { item: 1 }],
			],
		]);
	});
});

describe('audiences (Profile store)', () => {
	test.each([
		['004-source-connection.request', {}],
		['openapi-postSourceConnection.request.Create_Source_Connection_Profile_Store', {}],
	])('%s', async (seed) => {
		const expected = fixture(`seed-examples/${seed}.json`);
		expectTokenRequest();
		const sent = expectCreate();

		const result = await runSource({
			exportType: 'audiences',
			name: expected.name,
			ifExists: 'create',
			options: { description: expected.description },
		});

		assertAllRequestsMade();
		expect(sent).toEqual([expected]);
		expect(result.output('Source')[0].json).toEqual({
			id: CREATED.id,
			etag: CREATED.etag,
			name: expected.name,
			created: true,
			connectionSpec: { id: PROFILE_STORE, version: '1.0' },
			exportType: 'audiences',
		});
	});

	test('seed 002\'s older flow: with a Profile store base connection, CSV data', async () => {
		const baseConnectionId = '1ed86558-59b5-42f7-9865-5859b552f7f4';
		const expected = fillPlaceholders(fixture('seed-examples/002-source-connection-profile-store.request.json'), {
			'{CONNECTION_SPEC_ID}': PROFILE_STORE,
			'{BASE_CONNECTION_ID}': baseConnectionId,
		});
		expectTokenRequest();
		const sent = expectCreate(1, fixture('seed-examples/002-source-connection-profile-store.response.json'));

		const result = await runSource({
			exportType: 'audiences',
			name: expected.name,
			ifExists: 'create',
			options: { description: expected.description, profileStoreBaseConnectionId: baseConnectionId },
		});

		assertAllRequestsMade();
		expect(sent).toEqual([expected]);
		// Seed 002's answer has no etag.
		expect(result.output('Source')[0].json).toMatchObject({ id: 'ed48ae9b-c774-4b6e-88ae-9bc7748b6e97', etag: null, baseConnectionId });
	});

	test('a Profile store base connection ID that is not one is refused before any request', async () => {
		// No interceptor at all: a POST would fail with another message.
		const result = await runSource({
			exportType: 'audiences',
			name: 'Profile store',
			ifExists: 'create',
			options: { profileStoreBaseConnectionId: '{BASE_CONNECTION_ID}' },
		});

		assertAllRequestsMade();
		expect(result.error('Source')!.message).toBe(
			'Invalid Profile Store Base Connection ID: "{BASE_CONNECTION_ID}". Allowed: the ID of a Profile store base connection (a UUID), or empty for file-based destinations.',
		);
	});
});

describe('if one with this name already exists', () => {
	const name = 'Connecting to Data Lake';
	const existing = {
		id: '900df191-b983-45cd-90d5-4c7a0326d650',
		createdAt: 1675791622000,
		name,
		connectionSpec: { id: DATA_LAKE, version: '1.0' },
		params: { datasets: [{ dataSetId: '5ef3e3259ad2a1191ab7dd7d', name: 'AAM Devices Data' }] },
		etag: '"0500ebe1-0000-0200-0000-63e28d060000"',
	};
	const lookup = (items: IDataObject[]) => expectNameLookup('/sourceConnections', name, items);
	const parameters = (ifExists: string, ids = ['5ef3e3259ad2a1191ab7dd7d']) => ({
		exportType: 'datasets',
		name,
		datasetSource: 'list',
		datasetIds: ids,
		ifExists,
	});

	test('reuse: same datasets, so the existing one is output', async () => {
		expectTokenRequest();
		expectEligibleDatasets();
		lookup([existing]);

		const result = await runSource(parameters('reuse'));

		assertAllRequestsMade();
		expect(result.output('Source')[0].json).toMatchObject({ id: existing.id, etag: existing.etag, created: false });
	});

	test('reuse never takes one with other datasets (they cannot change after creation): a new one is created', async () => {
		expectTokenRequest();
		expectEligibleDatasets();
		lookup([existing]);
		const sent = expectCreate();

		const result = await runSource(parameters('reuse', ['5ef3e328582424191b1beb44']));

		assertAllRequestsMade();
		expect(sent).toHaveLength(1);
		expect(result.output('Source')[0].json).toMatchObject({ id: CREATED.id, created: true });
	});

	test('reuse outputs the datasets of the source connection as AEP has them', async () => {
		expectTokenRequest();
		expectEligibleDatasets();
		const renamed = { ...existing, params: { datasets: [{ dataSetId: '5ef3e3259ad2a1191ab7dd7d', name: 'Devices (renamed)' }] } };
		lookup([renamed]);

		const result = await runSource(parameters('reuse'));

		assertAllRequestsMade();
		expect(result.output('Source')[0].json).toEqual({
			id: existing.id,
			etag: existing.etag,
			name,
			created: false,
			connectionSpec: { id: DATA_LAKE, version: '1.0' },
			exportType: 'datasets',
			datasets: [{ dataSetId: '5ef3e3259ad2a1191ab7dd7d', name: 'Devices (renamed)' }],
		});
	});

	describe('Profile store source connections (the older batch flow)', () => {
		const profileName = 'Profile store';
		const wanted = '1ed86558-59b5-42f7-9865-5859b552f7f4';
		/** As GET /sourceConnections answers one on this base connection. */
		const profileSource = (baseConnectionId?: string) => ({
			id: 'b8ac5d4b-3a55-4b2f-8f7c-1f8c2b0c4a11',
			createdAt: 1675791622000,
			name: profileName,
			connectionSpec: { id: PROFILE_STORE, version: '1.0' },
			...(baseConnectionId ? { baseConnectionId } : {}),
			etag: '"e-1"',
		});
		const reuse = async () =>
			await runSource({ exportType: 'audiences', name: profileName, ifExists: 'reuse', options: { profileStoreBaseConnectionId: wanted } });

		test('reuse never returns one with another base connection (or none): a new one is created', async () => {
			expectTokenRequest();
			expectNameLookup('/sourceConnections', profileName, [
				profileSource('0f4e7c1a-5b52-4d5e-9b8e-2c1b6b1f1a22'),
				{ ...profileSource(), id: 'no-base' },
			]);
			const sent = expectCreate();

			const result = await reuse();

			assertAllRequestsMade();
			expect(sent).toHaveLength(1);
			expect(sent[0]).toMatchObject({ baseConnectionId: wanted });
			expect(result.output('Source')[0].json).toMatchObject({ id: CREATED.id, created: true, baseConnectionId: wanted });
		});

		test('reuse of one on the same base connection outputs it as AEP has it', async () => {
			expectTokenRequest();
			expectNameLookup('/sourceConnections', profileName, [profileSource(wanted)]);

			const result = await reuse();

			assertAllRequestsMade();
			expect(result.output('Source')[0].json).toEqual({
				id: 'b8ac5d4b-3a55-4b2f-8f7c-1f8c2b0c4a11',
				etag: '"e-1"',
				name: profileName,
				created: false,
				connectionSpec: { id: PROFILE_STORE, version: '1.0' },
				exportType: 'audiences',
				baseConnectionId: wanted,
			});
		});
	});

	test('fail', async () => {
		expectTokenRequest();
		expectEligibleDatasets();
		lookup([existing]);

		const result = await runSource(parameters('fail'));

		assertAllRequestsMade();
		expect(result.error('Source')!.message).toBe(
			'A source connection named "Connecting to Data Lake" already exists (ID 900df191-b983-45cd-90d5-4c7a0326d650)',
		);
	});
	test.each([
		['picked from the list', parameters('reuse'), undefined],
		['from incoming items, one for all', { ...parameters('reuse'), datasetSource: 'input', grouping: 'all' }, [{ id: '5ef3e3259ad2a1191ab7dd7d' }]],
	])('%s: a name with a comma cannot be looked up, so it is refused before any request', async (_, params, input) => {
		// No interceptor at all: the name is checked before the eligible datasets are read.
		const result = await runSource({ ...params, name: 'Data Lake, nightly' }, input);

		assertAllRequestsMade();
		expect(result.error('Source')!.message).toBe(
			'Invalid Name: "Data Lake, nightly". Allowed: a name without commas, because AEP\'s name filter reads a comma as "or". Remove the comma, or set "If One With This Name Already Exists" to Create Another, which does not look the name up.',
		);
	});
});
