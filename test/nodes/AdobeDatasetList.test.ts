import nock from 'nock';

import { setRetryPolicy } from '../../nodes/shared/transport';
import { AEP_HEADERS, assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../harness/aep';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';

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
			...chain([{ name: 'Datasets', type: 'adobeDatasetList', parameters: { returnAll: false, limit: 2 } }]),
			credentials,
		});

		console.log(JSON.stringify(result.run.data.resultData, null, 1).slice(0, 3000));
		assertAllRequestsMade();
		expect(result.output('Datasets').map((item) => item.json)).toEqual([
			{ ...dataset(1), fileFormat: 'parquet' },
			{ ...dataset(2), fileFormat: 'parquet' },
		]);
		expect(result.output('Datasets').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(AEP_HEADERS['x-sandbox-name']).toBe('dev-sandbox');
	});
});
