/** Run → Get Many: waiting for a run to finish. */
import nock from 'nock';
import { summariseRun } from '../../../nodes/AdobeExperiencePlatform/domain/runs/runSummary';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { EXAMPLE_FLOW_NAMES, expectDataflowRead, OPENAPI_SUCCESS_RUN, runFrom, runningRun } from '../../harness/runs';
import { assertAllRequestsMade, expectTokenRequest, flowService, resetNock, TOKEN } from '../../harness/aep';
import { FLOW, OTHER_FLOW, runsQuery, page, getRuns } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('AEP Get Runs: wait for completion', () => {
	const waitFor = { waitForCompletion: true, pollIntervalSeconds: 1 };

	test('checks the newest run until it has finished, sleeping the interval between checks', async () => {
		const checkedAt: number[] = [];
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get('/runs')
			.query(runsQuery({ limit: '1' }))
			.reply(() => {
				checkedAt.push(Date.now());
				return [200, page([runningRun({ id: OPENAPI_SUCCESS_RUN.id as string, startedAt: 1659018529865 })], 'older')];
			})
			.get('/runs')
			.query(runsQuery({ limit: '1' }))
			.reply(() => {
				checkedAt.push(Date.now());
				return [200, page([OPENAPI_SUCCESS_RUN], 'older')];
			});

		const { result } = await getRuns({ ...waitFor, timeoutSeconds: 30 });

		assertAllRequestsMade();
		expect(result.error('Runs')).toBeUndefined();
		const [item] = result.output('Runs');
		expect(item.json).toMatchObject({ runId: OPENAPI_SUCCESS_RUN.id, status: 'success', finished: true, timedOut: false });
		expect(item.json.run).toEqual(OPENAPI_SUCCESS_RUN);
		expect(checkedAt[1] - checkedAt[0]).toBeGreaterThanOrEqual(990);
	});

	test('fails with a clear message when the run has not finished at the timeout, after the last check at the deadline', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		// Checks at 0 s, 1 s and 2 s (the deadline): three requests, no fourth.
		flowService()
			.get('/runs')
			.query(runsQuery({ limit: '1' }))
			.times(3)
			.reply(200, page([runningRun({ id: 'c4f238e3-7334-4933-8b56-64d7ea43ea54', startedAt: 1659018529865 })]));

		const { result } = await getRuns({ ...waitFor, timeoutSeconds: 2 });

		assertAllRequestsMade();
		const error = result.error('Runs');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			`Timed out after 2 seconds: run c4f238e3-7334-4933-8b56-64d7ea43ea54 of dataflow ${FLOW} had not finished (status: Processing)`,
		);
		expect(error?.description).toBe(
			'Raise "Timeout (Seconds)", or set "On Timeout" to "Output Last State" to carry on with the run as last seen.',
		);
	});

	test('outputs the last state with timedOut when asked to, for a run given by ID', async () => {
		const runId = 'c4f238e3-7334-4933-8b56-64d7ea43ea54';
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get(`/runs/${runId}`)
			.times(2)
			.reply(200, { items: [runningRun({ id: runId, startedAt: 1659018529865 })] });

		const { result } = await getRuns({
			...waitFor,
			runToWaitFor: 'runId',
			runId,
			timeoutSeconds: 1,
			onTimeout: 'output',
		});

		assertAllRequestsMade();
		expect(result.output('Runs').map((item) => item.json)).toEqual([
			expect.objectContaining({ runId, status: 'inProgress', rawStatus: 'Processing', finished: false, timedOut: true }),
		]);
	});

	test('outputs the same fields, empty, with timedOut when the dataflow had no run by the timeout', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService().get('/runs').query(runsQuery({ limit: '1' })).times(2).reply(200, page([]));

		const { result } = await getRuns({ ...waitFor, timeoutSeconds: 1, onTimeout: 'output' });

		assertAllRequestsMade();
		const [item] = result.output('Runs');
		expect(item.json).toMatchObject({ runId: null, flowId: FLOW, status: null, finished: false, run: null, timedOut: true });
		expect(Object.keys(item.json).sort()).toEqual(
			Object.keys({ ...summariseRun(OPENAPI_SUCCESS_RUN), ...EXAMPLE_FLOW_NAMES, timedOut: true }).sort(),
		);
	});

	test('refuses a run of another dataflow', async () => {
		const runId = 'c4f238e3-7334-4933-8b56-64d7ea43ea54';
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get(`/runs/${runId}`)
			.reply(200, { items: [runFrom(OPENAPI_SUCCESS_RUN, { id: runId, flowId: OTHER_FLOW })] });

		const { result } = await getRuns({ ...waitFor, runToWaitFor: 'runId', runId, timeoutSeconds: 5 });

		assertAllRequestsMade();
		expect(result.error('Runs')?.message).toBe(
			`Run ${runId} belongs to dataflow ${OTHER_FLOW}, not to dataflow ${FLOW}`,
		);
	});

	test('reads the dataflow while the first check goes out (one round trip, not two) when a token is held', async () => {
		const answeredAfterMs = 300;
		const receivedAt: Record<string, number> = {};
		flowService()
			.get(`/flows/${FLOW}`)
			.reply((_uri, _body, answer) => {
				receivedAt.dataflow = Date.now();
				setTimeout(() => answer(null, [200, { items: [{ id: FLOW, name: 'Held', flowSpec: { id: 'x' } }] }]), answeredAfterMs);
			})
			.get('/runs')
			.query(runsQuery({ limit: '1' }))
			.reply(() => {
				receivedAt.runs = Date.now();
				return [200, page([OPENAPI_SUCCESS_RUN])];
			});

		const { result } = await getRuns({ ...waitFor, timeoutSeconds: 30 }, undefined, { accessToken: TOKEN });

		assertAllRequestsMade();
		expect(result.error('Runs')).toBeUndefined();
		expect(result.output('Runs')[0].json).toMatchObject({ runId: OPENAPI_SUCCESS_RUN.id, dataflowName: 'Held' });
		expect(Math.abs(receivedAt.runs - receivedAt.dataflow)).toBeLessThan(answeredAfterMs / 2);
	});

	test('a dataflow that does not exist stops the wait after the first check, with the read\'s error', async () => {
		flowService().get(`/flows/${FLOW}`).reply(404, { error_code: '404', message: 'Flow not found' });
		flowService().get('/runs').query(runsQuery({ limit: '1' })).reply(200, page([]));

		const { result } = await getRuns({ ...waitFor, timeoutSeconds: 30 }, undefined, { accessToken: TOKEN });

		assertAllRequestsMade();
		expect(result.error('Runs')?.name).toBe('NodeApiError');
		expect(result.error('Runs')?.message).toMatch(/not found/i);
	});
});
