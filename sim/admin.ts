/**
 * The simulation's own control API under `/__sim/`: fault switches, run injection, extra datasets,
 * the request log and a reset. No authentication: it listens on 127.0.0.1 only.
 */
import type { FaultSwitches, ResetFault, ServerErrorFault, ThrottleFault } from './faults';
import type { SimAnswer } from './flow-service';
import type { Dataset } from './catalogue';
import type { NewRun, RunSettling } from './runs';
import { addRun } from './runs';
import { runActions } from './run-switches';
import type { SimulationState } from './store';

export interface AdminContext {
	state: SimulationState;
	faults: FaultSwitches;
	runSettling: RunSettling;
}

function fail(message: string, status = 400): SimAnswer {
	return { status, body: { message } };
}

function objectOf(body: unknown): Record<string, unknown> {
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function handleAdmin(context: AdminContext, method: string, path: string, body: unknown, sandboxHeader?: string): SimAnswer {
	const { state, faults } = context;
	const input = objectOf(body);
	try {
		const route = `${method} ${path}`;
		switch (route) {
			case 'GET /__sim/requests':
				return { status: 200, body: { items: state.requests } };
			case 'DELETE /__sim/requests':
				state.requests.length = 0;
				return { status: 204 };
			case 'POST /__sim/reset':
				state.reset();
				faults.clear();
				return { status: 204 };
			case 'GET /__sim/faults':
				return { status: 200, body: faults.describe() };
			case 'DELETE /__sim/faults':
				faults.clear();
				return { status: 204 };
			case 'POST /__sim/faults/throttle':
				faults.throttle(input as unknown as ThrottleFault);
				return { status: 200, body: faults.describe() };
			case 'POST /__sim/faults/server-errors':
				faults.failWith(input as unknown as ServerErrorFault);
				return { status: 200, body: faults.describe() };
			case 'POST /__sim/faults/connection-resets':
				faults.resetConnections(input as unknown as ResetFault);
				return { status: 200, body: faults.describe() };
			case 'POST /__sim/faults/delay':
				faults.delay(Number(input.ms));
				return { status: 200, body: faults.describe() };
			case 'POST /__sim/faults/expire-tokens':
				faults.expireTokens();
				return { status: 200, body: faults.describe() };
			case 'POST /__sim/datasets': {
				const sandbox = String(input.sandbox ?? sandboxHeader ?? 'prod');
				const datasets = input.datasets as Dataset[] | undefined;
				if (!Array.isArray(datasets) || datasets.some((dataset) => typeof dataset?.id !== 'string' || typeof dataset?.name !== 'string')) {
					return fail('body must be {"sandbox"?: string, "datasets": [{"id": string, "name": string, ...}]}');
				}
				const store = state.sandbox(sandbox);
				for (const dataset of datasets) if (!store.datasets.some((known) => known.id === dataset.id)) store.datasets.push(dataset);
				return { status: 201, body: { sandbox, total: store.datasets.length } };
			}
		}
		const runsOfFlow = /^\/__sim\/flows\/([^/]+)\/runs$/.exec(path);
		if (runsOfFlow && method === 'POST') {
			const found = state.findFlow(decodeURIComponent(runsOfFlow[1]));
			if (!found) return fail(`no flow ${runsOfFlow[1]} in any sandbox`, 404);
			if (typeof input.status !== 'string' || input.status === '') {
				return fail('body must be {"status": "success"|"failed"|"partialSuccess"|"inProgress"|..., "startedAtUTC"?: ms, "settle"?: {"afterReads"?, "afterMs"?, "finalStatus"?}}');
			}
			const record = addRun(state, found.store, found.flow, input as unknown as NewRun, context.runSettling);
			return { status: 201, body: record.run };
		}
		const runAction = runActions(context, method, path, input);
		if (runAction) return runAction;
		return fail(`unknown simulation endpoint ${method} ${path}`, 404);
	} catch (error) {
		return fail((error as Error).message);
	}
}
