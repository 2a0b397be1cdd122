import nock from 'nock';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';

const CONFIGS = '/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0/configs';

function dataset(n: number) {
	return {
		id: `ds-${n}`,
		name: `Dataset ${n}`,
		description: 'Activation profile export dataset',
		fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
		aspect: 'production',
		state: 'DRAFT',
	};
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('AEP Dataset List', () => {
	test('lists eligible datasets with the four headers and outputs one item per dataset', async () => {
		expectTokenRequest();
		flowService()
			.get(CONFIGS)
			.query({ outputType: 'activationDatasets', outputField: 'datasets', start: '0', limit: '2' })
			.reply(200, { items: [dataset(1), dataset(2)], pageInfo: { start: 0, end: 1, total: 149, hasNext: true } });

		const credentials = aepCredentials();
		const result = await runWorkflow({
			...chain([{ name: 'Datasets', type: aepOperation('dataset', 'list'), parameters: { returnAll: false, limit: 2 } }]),
			credentials,
		});

		assertAllRequestsMade();
		expect(result.output('Datasets').map((item) => item.json)).toEqual([
			{ ...dataset(1), fileFormat: 'parquet' },
			{ ...dataset(2), fileFormat: 'parquet' },
		]);
		expect(result.output('Datasets').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('Return All reads every page; filters by name and state; asks for the chosen properties', async () => {
		expectTokenRequest();
		const all = [dataset(1), { ...dataset(2), name: 'Web events', state: 'ENABLED' }, dataset(3), { ...dataset(4), name: 'web sessions', state: 'ENABLED' }];
		flowService()
			.get(CONFIGS)
			.query({ outputType: 'activationDatasets', outputField: 'datasets', properties: 'name,state', start: '0', limit: '100' })
			.reply(200, { items: all, pageInfo: { start: 0, end: 3, total: 4, hasNext: false } });

		const result = await runWorkflow({
			...chain([
				{
					name: 'Datasets',
					type: aepOperation('dataset', 'list'),
					parameters: {
						returnAll: true,
						filters: { nameContains: 'WEB', state: 'ENABLED' },
						options: { properties: ['state'] },
					},
				},
			]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Datasets').map((item) => item.json.id)).toEqual(['ds-2', 'ds-4']);
	});

	test('a name filter with a Limit reads page after page and stops as soon as enough match', async () => {
		expectTokenRequest();
		const page = (start: number, names: string[]) =>
			flowService()
				.get(CONFIGS)
				.query({ outputType: 'activationDatasets', outputField: 'datasets', start: String(start), limit: '100' })
				.reply(200, {
					items: names.map((name, index) => ({ ...dataset(start + index), name })),
					pageInfo: { start, end: start + names.length - 1, total: 10000, hasNext: true },
				});
		page(0, ['Orders', 'Loyalty members EU']);
		page(100, ['Loyalty members US', 'Returns']);
		// Pages 200 and beyond are never asked for: nock would fail the run on an unexpected request.

		const result = await runWorkflow({
			...chain([
				{
					name: 'Datasets',
					type: aepOperation('dataset', 'list'),
					parameters: { returnAll: false, limit: 2, filters: { nameContains: 'loyalty' } },
				},
			]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.error('Datasets')).toBeUndefined();
		expect(result.output('Datasets').map((item) => item.json.name)).toEqual(['Loyalty members EU', 'Loyalty members US']);
	});

	test('a Limit out of range fails before any request, naming the parameter and what is allowed', async () => {
		const result = await runWorkflow({
			...chain([{ name: 'Datasets', type: aepOperation('dataset', 'list'), parameters: { returnAll: false, limit: 0 } }]),
			credentials: aepCredentials(),
		});

		expect(nock.pendingMocks()).toEqual([]);
		const error = result.error('Datasets')!;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('Invalid Limit: 0. Allowed: a whole number from 1 to 10000.');
	});

	test('one item per input item: each input lists again, paired with its input', async () => {
		expectTokenRequest();
		flowService()
			.get(CONFIGS)
			.query({ outputType: 'activationDatasets', outputField: 'datasets', start: '0', limit: '1' })
			.twice()
			.reply(200, { items: [dataset(1)], pageInfo: { start: 0, end: 0, total: 5, hasNext: true } });

		const result = await runWorkflow({
			...chain([{ name: 'Datasets', type: aepOperation('dataset', 'list'), parameters: { returnAll: false, limit: 1 } }]),
			credentials: aepCredentials(),
			input: [{ a: 1 }, { a: 2 }],
		});

		assertAllRequestsMade();
		expect(result.output('Datasets').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
