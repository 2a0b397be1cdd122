import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { EXAMPLE_FLOW_ID, expectDataflowRead, OPENAPI_FAILED_RUN, OPENAPI_SUCCESS_RUN } from '../../harness/runs';
import { assertAllRequestsMade, continuationPage, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { audienceFlow } from '../../trigger/helpers';

const FLOW = EXAMPLE_FLOW_ID;

async function getRuns(parameters: IDataObject) {
	return await runWorkflow({
		...chain([{ name: 'Runs', type: aepOperation('run', 'getAll'), parameters: { dataflow: { __rl: true, mode: 'id', value: FLOW }, ...parameters } }], 'aep-1'),
		credentials: aepCredentials(),
	});
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('AEP Get Runs: status filtered in AEP, details', () => {
	test('"Filter Status in AEP" sends every documented spelling as one OR filter and still checks each run', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get('/runs')
			.query({
				property: [`flowId==${FLOW}`, 'metrics.statusSummary.status==failed,Failed,partialSuccess,PartialSuccess,partial_success'],
				orderby: '-createdAt',
				limit: '100',
			})
			// A server that ignored the filter: the success run is still dropped here.
			.reply(200, continuationPage([OPENAPI_SUCCESS_RUN, OPENAPI_FAILED_RUN]));

		const result = await getRuns({ returnAll: true, filters: { status: ['failed', 'partialSuccess'], statusInAep: true } });

		assertAllRequestsMade();
		expect(result.output('Runs').map((item) => [item.json.runId, item.json.status])).toEqual([[OPENAPI_FAILED_RUN.id, 'failed']]);
	});

	test('"Add Details" reads the dataflow once and adds names, skip rate and reasons, rows per audience and the UI link', async () => {
		expectTokenRequest();
		flowService()
			.get('/runs')
			.query({ property: `flowId==${FLOW}`, orderby: '-createdAt', limit: '100' })
			.reply(200, continuationPage([OPENAPI_SUCCESS_RUN, OPENAPI_FAILED_RUN]))
			.get(`/flows/${FLOW}`)
			.reply(200, { items: [audienceFlow()] });

		const result = await getRuns({ returnAll: true, options: { addDetails: true, uiOrganization: 'acme' } });

		assertAllRequestsMade();
		const [ok, failed] = result.output('Runs').map((item) => item.json);
		expect(Object.keys(ok).at(-1)).toBe('run');
		expect(ok).toMatchObject({
			runId: OPENAPI_SUCCESS_RUN.id,
			dataflowName: 'Weekly audiences df8d',
			destinationName: 'Amazon S3',
			destinationId: '4fce964d-3f37-408f-9778-e597338a21ee',
			exportType: 'audiences',
			skipRatePercent: 0.19,
			skipReasonSummary: "ACTIVATION_BATCH-0000-SKIP: Records didn't match attribute filter. (15224)",
			entities: [expect.objectContaining({ type: 'audience', id: 'b1cbaff7-e7c6-417e-ab54-71d302595785', recordsWritten: 7808223 })],
			uiUrl: `https://experience.adobe.com/#/@acme/sname:prod/platform/destination/browse/${FLOW}`,
		});
		expect(failed).toMatchObject({ runId: OPENAPI_FAILED_RUN.id, status: 'failed', dataflowName: 'Weekly audiences df8d' });
		expect((failed as IDataObject).errorSummary).toBe('ACTIVATION_BATCH-0000-FAILED: Job aborted.');
	});
});
