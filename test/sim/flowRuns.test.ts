/**
 * Dataflow runs in the simulation over real HTTP: history, filters, paging, runs that finish,
 * injected runs.
 */
import { HOUR, START, advanceClock, client, datasetFlow, now, sim, useFlowSimulation } from './flowsShared';
import { http } from './helpers';

useFlowSimulation();

describe('runs', () => {
	const runsOf = async (flowId: string, extra: Record<string, string | string[]> = {}) =>
		(await client.get('/runs', { property: [`flowId==${flowId}`, ...[extra.property ?? []].flat()], ...(extra.limit ? { limit: extra.limit } : {}) })).body.items;
	const statusOf = (run: any) => run.metrics.statusSummary.status;

	it('starts every dataflow with a deterministic history, newest first, the newest still in progress', async () => {
		const flow = await datasetFlow('history');
		const runs = await runsOf(flow.id);
		expect(runs.map(statusOf)).toEqual(['inProgress', 'partialSuccess', 'failed', 'success']);
		// Spaced by the dataflow's 3-hour schedule, ending at its creation.
		expect(runs.map((run: any) => run.metrics.durationSummary.startedAtUTC)).toEqual([0, 1, 2, 3].map((i) => now - i * 3 * HOUR));
		expect(runs[0].metrics.durationSummary.completedAtUTC).toBeUndefined();
		expect(runs[2].metrics.statusSummary.errors).toEqual([{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Job aborted.' }]);
		expect(runs[1].metrics.recordSummary.failedRecordCount).toBeGreaterThan(0);

		// Reading again gives the same runs (the in-progress one has one read left before it settles).
		const again = await runsOf(flow.id);
		expect(again.slice(1)).toEqual(runs.slice(1));
	});

	it('moves an in-progress run to its final status after the configured number of reads', async () => {
		const flow = await datasetFlow('settling');
		expect(statusOf((await runsOf(flow.id))[0])).toBe('inProgress');
		expect(statusOf((await runsOf(flow.id))[0])).toBe('inProgress');
		const settled = (await runsOf(flow.id))[0];
		expect(statusOf(settled)).toBe('success');
		expect(settled.metrics.durationSummary.completedAtUTC).toBeGreaterThan(settled.metrics.durationSummary.startedAtUTC);
		expect((await client.flow(flow.id)).lastRunDetails).toEqual({
			id: settled.id,
			state: 'success',
			startedAtUTC: settled.metrics.durationSummary.startedAtUTC,
			completedAtUTC: settled.metrics.durationSummary.completedAtUTC,
		});
	});

	it('adds runs through the control API, including runs that finish after a delay', async () => {
		const flow = await datasetFlow('injected');
		const failed = await http(`${sim.url}/__sim/flows/${flow.id}/runs`, { method: 'POST', body: JSON.stringify({ status: 'failed', startedAtUTC: now + 1000 }) });
		expect(failed.status).toBe(201);
		expect(failed.body).toMatchObject({ flowId: flow.id, metrics: { statusSummary: { status: 'failed' } } });
		const slow = await http(`${sim.url}/__sim/flows/${flow.id}/runs`, {
			method: 'POST',
			body: JSON.stringify({ status: 'inProgress', startedAtUTC: now + 2000, settle: { afterMs: 10 * 60_000, finalStatus: 'partialSuccess' } }),
		});
		expect((await client.get(`/runs/${slow.body.id}`)).body.items[0].metrics.statusSummary.status).toBe('inProgress');
		advanceClock(11 * 60_000);
		const finished = (await client.get(`/runs/${slow.body.id}`)).body.items[0];
		expect(finished.metrics.statusSummary.status).toBe('partialSuccess');
		expect(finished.metrics.durationSummary.completedAtUTC).toBeLessThanOrEqual(now);
		expect((await runsOf(flow.id)).slice(0, 2).map((run: any) => run.id)).toEqual([slow.body.id, failed.body.id]);

		const unknownFlow = await http(`${sim.url}/__sim/flows/nope/runs`, { method: 'POST', body: JSON.stringify({ status: 'success' }) });
		expect(unknownFlow.status).toBe(404);
		const noStatus = await http(`${sim.url}/__sim/flows/${flow.id}/runs`, { method: 'POST', body: '{}' });
		expect(noStatus.status).toBe(400);
		// Casings other docs use are kept as given.
		expect(sim.addRun(flow.id, { status: 'Waiting' }).metrics).toMatchObject({ statusSummary: { status: 'Waiting' } });
	});

	it('filters by start time ranges in ms and pages at most 100 runs over continuation tokens', async () => {
		const flow = await datasetFlow('busy');
		const other = await datasetFlow('other');
		for (let index = 0; index < 120; index++) sim.addRun(flow.id, { status: 'success', startedAtUTC: START + (index + 1) * HOUR });
		const inRange = await client.get('/runs', {
			property: [`flowId==${flow.id}`, `metrics.durationSummary.startedAtUTC>${START + 10 * HOUR}`, `metrics.durationSummary.startedAtUTC<${START + 15 * HOUR}`],
		});
		expect(inRange.body.items.map((run: any) => run.metrics.durationSummary.startedAtUTC)).toEqual([14, 13, 12, 11].map((h) => START + h * HOUR));
		const inclusive = await client.get('/runs', { property: [`flowId==${flow.id}`, `metrics.durationSummary.startedAtUTC>=${START + 120 * HOUR}`] });
		expect(inclusive.body.items).toHaveLength(1);

		const first = await client.get('/runs', { property: `flowId==${flow.id}`, limit: '500' });
		expect(first.body.items).toHaveLength(100);
		const second = await http(`${sim.flowServiceUrl}${first.body._links.next.href}`, { headers: client.headers() });
		// 120 added + the 4 of the history.
		expect(second.body.items).toHaveLength(24);
		expect(second.body._links).toEqual({});
		const all = [...first.body.items, ...second.body.items].map((run: any) => run.metrics.durationSummary.startedAtUTC);
		expect(all).toEqual([...all].sort((a, b) => b - a));
		expect(new Set([...first.body.items, ...second.body.items].map((run: any) => run.flowId))).toEqual(new Set([flow.id]));
		expect((await client.get('/runs', { property: `flowId==${flow.id},${other.id}`, count: 'true' })).body).toEqual({ count: 128 });
		const badRange = await client.get('/runs', { property: 'metrics.durationSummary.startedAtUTC>yesterday' });
		expect(badRange.body.detail).toBe('Range filter value "yesterday" must be a number (epoch milliseconds for times)');
	});
});
