/** Source Connection → Create: datasets (Data Lake), picked from the eligible ones or taken from incoming items. */
import nock from 'nock';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock, TOKEN } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { loadOptions } from '../../harness/load-options';
import { fixture } from '../../harness/fixtures';
import { NODE, DATA_LAKE, CREATED, expectEligibleDatasets, expectCreate, runSource } from './helpers';

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
	test('picked from the list: the body equals seed 000\'s, names taken from the eligible list, read only as far as the picked dataset (page 1 of 2)', async () => {
		const expected = fixture('seed-examples/000-source-connection.request.json');
		expectTokenRequest();
		expectEligibleDatasets({ pages: 1 });
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
