import type { IDataObject } from 'n8n-workflow';

import { assertAllRequestsMade, flowService } from '../harness/aep';
import { audienceFlow, finished, FLOW, HOUR, MINUTE, NOW, page, running, runsQuery, pollV2, triggerTestSetup } from './helpers';

const t = triggerTestSetup();

const poll = (parameters: IDataObject, staticData: IDataObject, mode?: 'trigger' | 'manual') => pollV2(t, parameters, staticData, mode);

function watchOne(events: string[], extra: IDataObject = {}) {
	return { watch: 'one', dataflow: { __rl: true, mode: 'list', value: FLOW }, events, ...extra };
}

const api = () => flowService();
const expectRuns = (after: number, runs: object[]) => api().get('/runs').query(runsQuery([FLOW], after)).reply(200, page(runs));
/** Names are read once per poll that has something to say, by `GET /flows/{id}`. */
const expectFlowRead = () => api().get(`/flows/${FLOW}`).reply(200, { items: [audienceFlow()] });

/** A run with 2% of its records skipped (15224 of 761200). */
function skippyRun(id: string, startedAt: number) {
	const run = finished(id, 'success', startedAt);
	((run.metrics as IDataObject).recordSummary as IDataObject).inputRecordCount = 761200;
	return run;
}

describe.each([
	['failed', (id: string, at: number) => finished(id, 'failed', at), {}],
	['partialSuccess', (id: string, at: number) => finished(id, 'partialSuccess', at), {}],
	['success', (id: string, at: number) => finished(id, 'Success', at), {}],
	['anyFinished', (id: string, at: number) => finished(id, 'failed', at), {}],
	['skipRate', (id: string, at: number) => skippyRun(id, at), { skipRatePercent: 1.5 }],
] as const)('"%s"', (event, makeRun, extra) => {
	test('fires once for a new run, not again on the next poll or after a restart, and again for the next new run', async () => {
		const parameters = watchOne([event], extra);
		expectRuns(NOW - 24 * HOUR, []);
		const baseline = await poll(parameters, {});
		expect(baseline.items).toBeNull();

		const first = makeRun('run-1', NOW - 30 * MINUTE);
		// Not an event of this kind: a run still going.
		const other = running('run-0', NOW - 40 * MINUTE);
		expectRuns(NOW - HOUR, [first, other]);
		expectFlowRead();
		const second = await poll(parameters, baseline.staticData);
		expect(second.items?.map((item) => [item.json.event, item.json.runId])).toEqual([[event, 'run-1']]);

		expectRuns(NOW - HOUR, [first, other]);
		const third = await poll(parameters, second.staticData);
		expect(third.items).toBeNull();

		const next = makeRun('run-2', NOW - 10 * MINUTE);
		expectRuns(NOW - HOUR, [next, first, other]);
		expectFlowRead();
		const fourth = await poll(parameters, third.staticData);
		expect(fourth.items?.map((item) => [item.json.event, item.json.runId])).toEqual([[event, 'run-2']]);
		assertAllRequestsMade();
	});
});

test('"started" fires when a run first appears, running or already done, and never again for it', async () => {
	const parameters = watchOne(['started']);
	expectRuns(NOW - 24 * HOUR, [finished('old', 'success', NOW - 3 * HOUR)]);
	const baseline = await poll(parameters, {});
	expect(baseline.items).toBeNull();

	expectRuns(NOW - 4 * HOUR, [running('new-1', NOW - 5 * MINUTE), finished('old', 'success', NOW - 3 * HOUR)]);
	expectFlowRead();
	const second = await poll(parameters, baseline.staticData);
	expect(second.items?.map((item) => [item.json.event, item.json.runId, item.json.status])).toEqual([['started', 'new-1', 'inProgress']]);

	// The window now opens an hour before the newest start (the running run is newer).
	expectRuns(NOW - 65 * MINUTE, [finished('new-2', 'failed', NOW - MINUTE), finished('new-1', 'success', NOW - 5 * MINUTE)]);
	expectFlowRead();
	const third = await poll(parameters, second.staticData);
	expect(third.items?.map((item) => [item.json.event, item.json.runId])).toEqual([['started', 'new-2']]);
	assertAllRequestsMade();
});

test('a run that is delayed and then fails fires "delayed" once while it runs and "failed" once when it ends', async () => {
	const parameters = watchOne(['delayed', 'failed'], { delayMinutes: 150 });
	expectRuns(NOW - 24 * HOUR, [running('slow', NOW - 2 * HOUR)]);
	const baseline = await poll(parameters, {});
	expect(baseline.items).toBeNull();

	// 2 h 20 min: not yet delayed.
	t.clock = NOW + 20 * MINUTE;
	expectRuns(NOW - 3 * HOUR, [running('slow', NOW - 2 * HOUR)]);
	const early = await poll(parameters, baseline.staticData);
	expect(early.items).toBeNull();

	// 2 h 40 min: delayed.
	t.clock = NOW + 40 * MINUTE;
	expectRuns(NOW - 3 * HOUR, [running('slow', NOW - 2 * HOUR)]);
	expectFlowRead();
	const delayed = await poll(parameters, early.staticData);
	expect(delayed.items?.map((item) => [item.json.event, item.json.runId, item.json.runningFor])).toEqual([['delayed', 'slow', '2h 40m 0s']]);
	expect(delayed.items?.[0].json.message).toMatch(/^Run delayed: Weekly audiences df8d → Amazon S3 · status Processing · started .* · running for 2h 40m 0s/);

	t.clock = NOW + 50 * MINUTE;
	expectRuns(NOW - 3 * HOUR, [running('slow', NOW - 2 * HOUR)]);
	const still = await poll(parameters, delayed.staticData);
	expect(still.items).toBeNull();

	t.clock = NOW + 60 * MINUTE;
	const failedRun = finished('slow', 'failed', NOW - 2 * HOUR, FLOW, 175);
	expectRuns(NOW - 3 * HOUR, [failedRun]);
	expectFlowRead();
	const failed = await poll(parameters, still.staticData);
	expect(failed.items?.map((item) => [item.json.event, item.json.runId])).toEqual([['failed', 'slow']]);

	expectRuns(NOW - 3 * HOUR, [failedRun]);
	expect((await poll(parameters, failed.staticData)).items).toBeNull();
	assertAllRequestsMade();
});

test('a run first seen finished after running too long fires "delayed" and its outcome together', async () => {
	const parameters = watchOne(['delayed', 'anyFinished']);
	expectRuns(NOW - 24 * HOUR, []);
	const baseline = await poll(parameters, {});
	const long = finished('long', 'partialSuccess', NOW - 50 * MINUTE, FLOW, 160);
	expectRuns(NOW - HOUR, [long]);
	expectFlowRead();
	const second = await poll(parameters, baseline.staticData);
	expect(second.items?.map((item) => [item.json.event, item.json.runId])).toEqual([
		['delayed', 'long'],
		['anyFinished', 'long'],
	]);
	assertAllRequestsMade();
});

test('when reading names fails, the poll fails without moving its memory, so the next poll emits the event (nothing lost, nothing twice)', async () => {
	const parameters = watchOne(['failed']);
	expectRuns(NOW - 24 * HOUR, []);
	const baseline = await poll(parameters, {});
	const failedRun = finished('f-1', 'failed', NOW - 10 * MINUTE);

	expectRuns(NOW - HOUR, [failedRun]);
	api().get(`/flows/${FLOW}`).reply(404, { errorMessage: 'Flow not found', errorDetails: 'gone for a moment' });
	await expect(poll(parameters, baseline.staticData)).rejects.toThrow();

	expectRuns(NOW - HOUR, [failedRun]);
	expectFlowRead();
	const retried = await poll(parameters, baseline.staticData);
	expect(retried.items?.map((item) => [item.json.event, item.json.runId, item.json.dataflowName])).toEqual([['failed', 'f-1', 'Weekly audiences df8d']]);
	assertAllRequestsMade();
});

test('manual mode ("Fetch Test Event") samples the newest run that fits, with names, and leaves static data alone', async () => {
	expectFlowRead();
	api()
		.get('/runs')
		.query({ property: `flowId==${FLOW}`, orderby: '-createdAt', limit: '100' })
		.reply(200, page([running('now', NOW - MINUTE), finished('ok', 'success', NOW - HOUR), finished('bad', 'failed', NOW - 2 * HOUR)]));
	const result = await poll(watchOne(['failed']), {}, 'manual');
	expect(result.items?.map((item) => [item.json.event, item.json.runId, item.json.destinationName])).toEqual([['failed', 'bad', 'Amazon S3']]);
	expect(result.staticData).toEqual({});
	assertAllRequestsMade();
});
