/**
 * Control API switches for the run trigger's events, on demand:
 * - `POST /__sim/runs/{id}/finish {status}`: ends a run (e.g. a held, delayed one) with this status;
 * - `POST /__sim/flows/{id}/shift-runs {hours}`: moves the flow's run history back (an expected run missing);
 * - `POST /__sim/flows/{id}/end-time {inDays}`: sets a dataset dataflow's `scheduleParams.endTime` (ending soon).
 * Delayed runs and skipped records come from `POST /__sim/flows/{id}/runs` with `hold` and `skippedPercent`.
 */
import type { SimAnswer } from './flow-service';
import { finishRun, shiftRuns } from './runs';
import type { SimulationState } from './store';

const HOUR_MS = 3_600_000;

function fail(message: string, status = 400): SimAnswer {
	return { status, body: { message } };
}

function finish(state: SimulationState, runId: string, input: Record<string, unknown>): SimAnswer {
	if (typeof input.status !== 'string' || input.status === '') return fail('body must be {"status": "success"|"failed"|"partialSuccess"|...}');
	for (const store of state.sandboxes.values()) {
		const record = store.runs.get(runId);
		if (record) return { status: 200, body: finishRun(state, store, record, input.status) };
	}
	return fail(`no run ${runId} in any sandbox`, 404);
}

/** Answers the switches above, or undefined for any other path. */
export function runActions(context: { state: SimulationState }, method: string, path: string, input: Record<string, unknown>): SimAnswer | undefined {
	const { state } = context;
	if (method !== 'POST') return undefined;
	const finishing = /^\/__sim\/runs\/([^/]+)\/finish$/.exec(path);
	if (finishing) return finish(state, decodeURIComponent(finishing[1]), input);
	const flowAction = /^\/__sim\/flows\/([^/]+)\/(shift-runs|end-time)$/.exec(path);
	if (!flowAction) return undefined;
	const found = state.findFlow(decodeURIComponent(flowAction[1]));
	if (!found) return fail(`no flow ${flowAction[1]} in any sandbox`, 404);
	const { store, flow } = found;
	if (flowAction[2] === 'shift-runs') {
		const hours = Number(input.hours);
		if (!Number.isFinite(hours) || hours <= 0) return fail('body must be {"hours": number > 0}');
		return { status: 200, body: { flowId: flow.id, moved: shiftRuns(state, store, flow, hours * HOUR_MS) } };
	}
	const days = Number(input.inDays);
	if (!Number.isFinite(days)) return fail('body must be {"inDays": number} (negative: already ended)');
	const endTime = Math.floor((state.now() + days * 24 * HOUR_MS) / 1000);
	flow.scheduleParams = { ...((flow.scheduleParams as Record<string, unknown> | undefined) ?? {}), endTime };
	flow.etag = state.nextEtag();
	flow.updatedAt = state.now();
	return { status: 200, body: { flowId: flow.id, scheduleParams: flow.scheduleParams } };
}
