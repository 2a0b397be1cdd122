/** Source Connection → Create: if one with this name already exists ("Reuse It" takes only the same thing). */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectNameLookup, expectTokenRequest, resetNock } from '../../harness/aep';
import { DATA_LAKE, PROFILE_STORE, CREATED, expectEligibleDatasets, expectCreate, runSource } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

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
		expectEligibleDatasets({ pages: 1 });
		lookup([existing]);

		const result = await runSource(parameters('reuse'));

		assertAllRequestsMade();
		expect(result.output('Source')[0].json).toMatchObject({ id: existing.id, etag: existing.etag, created: false });
	});

	test('reuse never takes one with other datasets (they cannot change after creation): a new one is created', async () => {
		expectTokenRequest();
		expectEligibleDatasets({ pages: 1 });
		// Looked up before the create and again after it ("Reuse It" converges on the oldest equal one).
		lookup([existing]);
		lookup([existing]);
		const sent = expectCreate();

		const result = await runSource(parameters('reuse', ['5ef3e328582424191b1beb44']));

		assertAllRequestsMade();
		expect(sent).toHaveLength(1);
		expect(result.output('Source')[0].json).toMatchObject({ id: CREATED.id, created: true });
	});

	test('reuse outputs the datasets of the source connection as AEP has them', async () => {
		expectTokenRequest();
		expectEligibleDatasets({ pages: 1 });
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
			const others = [profileSource('0f4e7c1a-5b52-4d5e-9b8e-2c1b6b1f1a22'), { ...profileSource(), id: 'no-base' }];
			expectTokenRequest();
			// Looked up before the create and again after it ("Reuse It" converges on the oldest equal one).
			expectNameLookup('/sourceConnections', profileName, others);
			expectNameLookup('/sourceConnections', profileName, others);
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
		expectEligibleDatasets({ pages: 1 });
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
