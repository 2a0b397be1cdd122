/** Run → Get Many: listing runs. */
import nock from 'nock';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { EXAMPLE_FLOW_NAMES, expectDataflowRead, OPENAPI_FAILED_RUN, OPENAPI_SUCCESS_RUN, SEED_FLOW_ID, SEED_RUNS_RESPONSE } from '../../harness/runs';
import { assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { FLOW, STARTED_AFTER_MS, STARTED_BEFORE_MS, byId, runsQuery, page, run, getRuns } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('AEP Get Runs: listing', () => {
	test('outputs the flat summary and the raw run for the spec examples, one page at the Limit', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get('/runs')
			.query(runsQuery({ limit: '2' }))
			.reply(200, page([OPENAPI_SUCCESS_RUN, OPENAPI_FAILED_RUN], 'more-exist'));

		const { result } = await getRuns({ returnAll: false, limit: 2 });

		assertAllRequestsMade();
		expect(result.output('Runs').map((item) => item.json)).toEqual([
			{
				runId: 'e80e24c1-82de-48de-8352-b2d0fca1c392',
				flowId: FLOW,
				...EXAMPLE_FLOW_NAMES,
				status: 'success',
				rawStatus: 'success',
				finished: true,
				startedAt: '2022-07-28T14:28:49.865Z',
				completedAt: '2022-07-28T14:35:29.923Z',
				durationMs: 400058,
				duration: '6m 40s',
				recordsRead: 7823447,
				recordsWritten: 7808223,
				recordsFailed: null,
				recordsSkipped: 15224,
				bytesRead: 855202780,
				bytesWritten: 855202780,
				filesRead: 2,
				filesWritten: 2,
				errorCodes: [],
				errorMessages: [],
				errorSummary: null,
				sandboxName: 'prod',
				uiUrl: null,
				run: OPENAPI_SUCCESS_RUN,
			},
			{
				runId: '850a3a02-ba0d-452a-aeb3-e9fcc8361342',
				flowId: FLOW,
				...EXAMPLE_FLOW_NAMES,
				status: 'failed',
				rawStatus: 'failed',
				finished: true,
				startedAt: '2022-06-09T14:32:07.582Z',
				completedAt: '2022-06-09T16:10:33.373Z',
				durationMs: 5905791,
				duration: '1h 38m 26s',
				recordsRead: null,
				recordsWritten: null,
				recordsFailed: null,
				recordsSkipped: null,
				bytesRead: null,
				bytesWritten: null,
				filesRead: null,
				filesWritten: null,
				// statusSummary.errors and recordSummary.failedInfo repeat the same error: reported once.
				errorCodes: ['ACTIVATION_BATCH-0000-FAILED'],
				errorMessages: ['Job aborted.'],
				errorSummary: 'ACTIVATION_BATCH-0000-FAILED: Job aborted.',
				sandboxName: 'prod',
				uiUrl: null,
				run: OPENAPI_FAILED_RUN,
			},
		]);
		expect(result.output('Runs').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test("sends seed 000's request and reports its run, which the tutorial shows without a status, as not finished", async () => {
		expectTokenRequest();
		expectDataflowRead(SEED_FLOW_ID);
		flowService()
			.get('/runs')
			.query({ property: `flowId==${SEED_FLOW_ID}`, orderby: '-createdAt', limit: '50' })
			.reply(200, SEED_RUNS_RESPONSE);

		const { result } = await getRuns({
			dataflow: { __rl: true, mode: 'id', value: SEED_FLOW_ID },
			returnAll: false,
			limit: 50,
		});

		assertAllRequestsMade();
		expect(result.output('Runs').map((item) => item.json)).toEqual([
			expect.objectContaining({
				runId: '4b7728dd-83c9-4c38-95a4-24ddab545404',
				flowId: 'aae5ec63-b0ac-4808-9a44-abf2ea67bd5a',
				status: null,
				rawStatus: null,
				finished: false,
				startedAt: '2023-02-07T22:08:39.411Z',
				completedAt: '2023-02-07T22:08:39.416Z',
				durationMs: 5,
				recordsRead: 0,
				recordsSkipped: 0,
				bytesRead: 0,
				errorSummary: null,
				sandboxName: 'sand-1',
			}),
		]);
	});

	test('reads continuation pages with the time window and status kept on every page until the Limit is met', async () => {
		const after = `metrics.durationSummary.startedAtUTC>${STARTED_AFTER_MS}`;
		const before = `metrics.durationSummary.startedAtUTC<${STARTED_BEFORE_MS}`;
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get('/runs')
			.query(runsQuery({ limit: '100' }, after, before))
			.reply(200, page([run('ok-1', 'success'), run('fail-1', 'failed'), run('ok-2', 'Processing')], 'token-2'))
			.get('/runs')
			.query(runsQuery({ limit: '100', continuationToken: 'token-2' }, after, before))
			.reply(200, page([run('fail-2', 'Failed'), run('ok-3', 'Success')], 'token-3'))
			.get('/runs')
			.query(runsQuery({ limit: '100', continuationToken: 'token-3' }, after, before))
			// A fourth page exists, but the Limit is met: it must not be asked for.
			.reply(200, page([run('fail-3', 'FAILED'), run('fail-4', 'failed')], 'token-4'));

		const { result } = await getRuns({
			returnAll: false,
			limit: 3,
			filters: {
				status: ['failed'],
				startedAfter: '2022-06-01T00:00:00Z',
				startedBefore: '2022-08-01T00:00:00.000Z',
			},
		});

		assertAllRequestsMade();
		expect(result.error('Runs')).toBeUndefined();
		expect(result.output('Runs').map((item) => [item.json.runId, item.json.status, item.json.rawStatus])).toEqual([
			['fail-1', 'failed', 'failed'],
			['fail-2', 'failed', 'Failed'],
			['fail-3', 'failed', 'FAILED'],
		]);
	});

	test('Return All follows every page and sends epoch milliseconds given as an expression result', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get('/runs')
			.query(runsQuery({ limit: '100' }, `metrics.durationSummary.startedAtUTC>${STARTED_AFTER_MS}`))
			.reply(200, page([run('ok-1', 'success')], 'token-2'))
			.get('/runs')
			.query(
				runsQuery(
					{ limit: '100', continuationToken: 'token-2' },
					`metrics.durationSummary.startedAtUTC>${STARTED_AFTER_MS}`,
				),
			)
			.reply(200, page([run('ok-2', 'success')]));

		const { result } = await getRuns({ returnAll: true, filters: { startedAfter: `=${STARTED_AFTER_MS}` } });

		assertAllRequestsMade();
		expect(result.output('Runs').map((item) => item.json.runId)).toEqual(['ok-1', 'ok-2']);
	});

	test('a time picked without a zone is read in the workflow\'s time zone, whatever the server\'s', async () => {
		const serverZone = process.env.TZ;
		process.env.TZ = 'UTC';
		try {
			expectTokenRequest();
			expectDataflowRead(FLOW);
			flowService()
				.get('/runs')
				// 2022-06-01 00:00 in Berlin (summer time, UTC+2) is 2022-05-31T22:00:00Z.
				.query(runsQuery({ limit: '100' }, `metrics.durationSummary.startedAtUTC>${Date.parse('2022-05-31T22:00:00Z')}`))
				.reply(200, page([run('ok-1', 'success')]));

			const credentials = aepCredentials();
			const result = await runWorkflow({
				...chain([
					{
						name: 'Runs',
						type: aepOperation('run', 'getAll'),
						parameters: { dataflow: byId, returnAll: true, filters: { startedAfter: '2022-06-01T00:00:00' } },
					},
				]),
				credentials,
				timezone: 'Europe/Berlin',
			});

			assertAllRequestsMade();
			expect(result.output('Runs').map((item) => item.json.runId)).toEqual(['ok-1']);
		} finally {
			if (serverZone === undefined) delete process.env.TZ;
			else process.env.TZ = serverZone;
		}
	});

	test('normalises every documented status casing, keeps unknown statuses and filters case-insensitively', async () => {
		const statuses = [
			'Success',
			'success',
			'SUCCESS',
			'Failed',
			'partial_success',
			'partialSuccess',
			'PartialSuccess',
			'Processing',
			'Waiting',
			'queued',
			'pending',
			'inProgress',
			'Cancelled',
		];
		const runs = statuses.map((status, index) => run(`run-${index}`, status));
		// two executions, one token: the second finds the one this process fetched
		expectTokenRequest();
		expectDataflowRead(FLOW, 2);
		flowService().get('/runs').query(runsQuery({ limit: '100' })).times(2).reply(200, page(runs));

		const all = (await getRuns({ returnAll: true })).result.output('Runs').map((item) => item.json);
		expect(all.map((json) => [json.rawStatus, json.status, json.finished])).toEqual([
			['Success', 'success', true],
			['success', 'success', true],
			['SUCCESS', 'success', true],
			['Failed', 'failed', true],
			['partial_success', 'partialSuccess', true],
			['partialSuccess', 'partialSuccess', true],
			['PartialSuccess', 'partialSuccess', true],
			['Processing', 'inProgress', false],
			['Waiting', 'inProgress', false],
			['queued', 'inProgress', false],
			['pending', 'inProgress', false],
			['inProgress', 'inProgress', false],
			// Unknown: kept as written; finished because the run has a completion time.
			['Cancelled', 'Cancelled', true],
		]);

		const filtered = (await getRuns({ returnAll: true, filters: { status: ['partialSuccess', 'inProgress'] } }))
			.result.output('Runs')
			.map((item) => item.json.rawStatus);
		assertAllRequestsMade();
		expect(filtered).toEqual([
			'partial_success',
			'partialSuccess',
			'PartialSuccess',
			'Processing',
			'Waiting',
			'queued',
			'pending',
			'inProgress',
		]);
	});

	test.each([
		[{ filters: { startedAfter: 'last tuesday' } }, 'Invalid Started After: "last tuesday". Allowed: a date and time such as 2024-05-01T00:00:00Z, or epoch milliseconds.'],
		[
			{ filters: { startedAfter: '2022-08-01T00:00:00Z', startedBefore: '2022-06-01T00:00:00Z' } },
			'Invalid Started Before: "2022-06-01T00:00:00Z". Allowed: a time later than Started After (2022-08-01T00:00:00.000Z).',
		],
		[{ filters: { status: ['=done'] } }, 'Invalid Status: "done". Allowed: failed, inProgress, partialSuccess, success.'],
		[{ limit: 0 }, 'Invalid Limit: 0. Allowed: a whole number from 1 to 10000.'],
		// A typed ID is checked by n8n's own locator validation; one from an expression reaches the node.
		[{ dataflow: { __rl: true, mode: 'id', value: '={{ "flow-1" }}' } }, 'Invalid Dataflow: "flow-1".'],
		[
			{ waitForCompletion: true, runToWaitFor: 'runId', runId: '../flows' },
			'Invalid Run ID: "../flows". Allowed: a run ID (a UUID such as e80e24c1-82de-48de-8352-b2d0fca1c392).',
		],
		[{ waitForCompletion: true, pollIntervalSeconds: 0.5 }, 'Invalid Check Every (Seconds): 0.5. Allowed: a whole number from 1 to 600.'],
		[{ waitForCompletion: true, timeoutSeconds: 90000 }, 'Invalid Timeout (Seconds): 90000. Allowed: a whole number from 1 to 86400.'],
	])('rejects bad input %j before any request', async (parameters, message) => {
		const { result, credentials } = await getRuns(parameters);

		const error = result.error('Runs');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message.startsWith(message)).toBe(true);
		// Not even a token was asked for.
		expect(credentials.preAuthenticationCalls.size).toBe(0);
		expect(nock.pendingMocks()).toEqual([]);
	});
});
