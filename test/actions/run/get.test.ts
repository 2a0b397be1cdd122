import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { OPENAPI_SUCCESS_RUN, runningRun } from '../../harness/runs';

const RUN_ID = String(OPENAPI_SUCCESS_RUN.id);

async function getRun(parameters: IDataObject, input?: IDataObject[], continueOnFail = false) {
	return await runWorkflow({
		...chain([{ name: 'Run', type: aepOperation('run', 'get'), parameters }], 'aep-1', { continueOnFail }),
		credentials: aepCredentials(),
		input,
	});
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('AEP Run → Get', () => {
	test('the OpenAPI example run: one row for its audience, counts from the entity summaries, the skip reason', async () => {
		expectTokenRequest();
		flowService().get(`/runs/${RUN_ID}`).reply(200, { items: [OPENAPI_SUCCESS_RUN] });

		const result = await getRun({}, [{ runId: RUN_ID }]);

		assertAllRequestsMade();
		const rows = result.output('Run').map((item) => item.json);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			runId: RUN_ID,
			status: 'success',
			entityType: 'audience',
			entityId: 'b1cbaff7-e7c6-417e-ab54-71d302595785',
			recordsRead: 7823447,
			recordsSkipped: 15224,
			recordsWritten: 7808223,
			recordsFailed: null,
			skipReasons: [{ code: 'ACTIVATION_BATCH-0000-SKIP', message: "Records didn't match attribute filter.", count: 15224 }],
		});
		expect(rows[0].run).toBeUndefined();
	});

	test('two datasets: one row each; a run without entity summaries: one row with no entity', async () => {
		const ds = (id: string, read: number, written: number) => ({ read: { id: `dataset:${id}`, inputRecordCount: read }, written: { id: `dataset:${id}`, outputRecordCount: written } });
		const one = ds('5ba9452c7bc8e0000061c4ba', 10, 9);
		const two = ds('6ba9452c7bc8e0000061c4bb', 20, 20);
		const multi = {
			...OPENAPI_SUCCESS_RUN,
			metrics: {
				...(OPENAPI_SUCCESS_RUN.metrics as IDataObject),
				recordSummary: {
					sourceSummaries: [{ id: 's', entitySummaries: [one.read, two.read] }],
					targetSummaries: [{ id: 't', entitySummaries: [one.written, two.written] }],
				},
			},
		};
		const running = runningRun({ id: 'a1b2c3d4-0000-4000-8000-000000000001' });
		expectTokenRequest();
		flowService().get(`/runs/${RUN_ID}`).reply(200, { items: [multi] });
		flowService().get(`/runs/${String(running.id)}`).reply(200, { items: [{ ...running, metrics: { ...(running.metrics as IDataObject), recordSummary: {} } }] });

		const result = await getRun({ runId: '={{ $json.runId }}' }, [{ runId: RUN_ID }, { runId: running.id }]);

		assertAllRequestsMade();
		expect(result.output('Run').map((item) => [item.json.entityType, item.json.entityId, item.json.recordsRead, item.json.recordsWritten, item.pairedItem])).toEqual([
			['dataset', '5ba9452c7bc8e0000061c4ba', 10, 9, { item: 0 }],
			['dataset', '6ba9452c7bc8e0000061c4bb', 20, 20, { item: 0 }],
			[null, null, null, null, { item: 1 }],
		]);
	});

	test('a run ID that is not a UUID fails before any request', async () => {
		const result = await getRun({ runId: 'run-1' });
		expect(result.error('Run')?.message).toBe('Invalid Run ID: "run-1". Allowed: a run ID (a UUID such as e80e24c1-82de-48de-8352-b2d0fca1c392).');
	});
});
