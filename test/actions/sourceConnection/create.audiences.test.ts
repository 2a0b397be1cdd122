/** Source Connection → Create: audiences (Profile store); if one with this name already exists. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectNameLookup, expectTokenRequest, resetNock } from '../../harness/aep';
import { fillPlaceholders, fixture } from '../../harness/fixtures';
import { DATA_LAKE, PROFILE_STORE, CREATED, expectEligibleDatasets, expectCreate, runSource } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

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

	test('reuse refuses one with other datasets: a source connection\'s datasets cannot change', async () => {
		expectTokenRequest();
		expectEligibleDatasets();
		lookup([existing]);

		const result = await runSource(parameters('reuse', ['5ef3e328582424191b1beb44']));

		assertAllRequestsMade();
		expect(result.error('Source')!.message).toBe(
			'A source connection named "Connecting to Data Lake" already exists (ID 900df191-b983-45cd-90d5-4c7a0326d650) but cannot be reused: it exports other datasets (5ef3e3259ad2a1191ab7dd7d, not 5ef3e328582424191b1beb44), and a source connection\'s datasets cannot change after creation',
		);
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
