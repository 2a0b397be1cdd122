/**
 * One poll of the trigger. Requests, as few as the choice allows: the dataflows (one paged
 * `/flows` list) only when watching all, filtering by destination or checking dataflow events;
 * the runs (one paged `/runs` request per 20 dataflows, `property=flowId==a,b,…`) only when a run
 * event or "expected run missing" is chosen; and for names, one `GET /flows/{id}` per dataflow
 * that has an event, when the list was not read. Static data is written only after every request
 * succeeded, so a failed poll loses and repeats nothing.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getDataflow, listDestinationDataflows } from '../AdobeExperiencePlatform/api/flows';
import { listRuns } from '../AdobeExperiencePlatform/api/runs';
import { flowEventItem, runEventItem } from '../AdobeExperiencePlatform/domain/runs/alertItems';
import type { RunEvent } from '../AdobeExperiencePlatform/domain/runs/runEvents';
import { isFlowEvent } from '../AdobeExperiencePlatform/domain/runs/runEvents';
import { checkFlowConditions } from '../AdobeExperiencePlatform/domain/runs/runWatchFlows';
import type { RunEmission } from '../AdobeExperiencePlatform/domain/runs/runWatch';
import {
	advanceState,
	BASELINE_LOOKBACK_MS,
	baselineState,
	readState,
	windowStart,
} from '../AdobeExperiencePlatform/domain/runs/runWatch';
import { mapBounded, MAX_PAGE_SIZE, PARALLEL_REQUEST_LIMIT } from '../AdobeExperiencePlatform/transport';
import type { TriggerSettings, Watched } from './settings';
import { readSettings, readWatched } from './settings';

const STATE_KEY = 'runWatch';

interface Scope {
	/** The watched dataflows as read, when they were read. */
	flows?: IDataObject[];
	flowIds: string[];
}

async function scopeOf(ctx: IPollFunctions, settings: TriggerSettings, watched: Watched): Promise<Scope> {
	if (!settings.needsFlows) return { flowIds: watched.flowIds ?? [] };
	const listed = await listDestinationDataflows(ctx, settings.destinationId);
	const picked = watched.flowIds ? new Set(watched.flowIds) : undefined;
	const flows = listed.filter((flow) => !picked || picked.has(String(flow.id)));
	return { flows, flowIds: [...new Set(flows.map((flow) => String(flow.id)))] };
}

/** The dataflows of runs with events, from the list if it was read, else read one by one. */
async function flowsOf(
	ctx: IPollFunctions,
	settings: TriggerSettings,
	scope: Scope,
	emissions: RunEmission[],
): Promise<Map<string, IDataObject>> {
	const byId = new Map((scope.flows ?? []).map((flow) => [String(flow.id), flow]));
	if (scope.flows) return byId;
	const ids = [...new Set(emissions.map((emission) => String(emission.run.flowId ?? '')))].filter(Boolean);
	const flows = await mapBounded(ids, PARALLEL_REQUEST_LIMIT, async (id) =>
		settings.namesRequired ? await getDataflow(ctx, id) : await getDataflow(ctx, id).catch(() => undefined),
	);
	for (const flow of flows) if (flow) byId.set(String(flow.id), flow);
	return byId;
}

function runItems(emissions: RunEmission[], flows: Map<string, IDataObject>, settings: TriggerSettings, now: number): IDataObject[] {
	return emissions.map(({ event, run }) =>
		runEventItem(event, run, { flow: flows.get(String(run.flowId)), uiOrganization: settings.uiOrganization, now }),
	);
}

/** "Fetch Test Event": a sample of the newest fitting event, leaving the static data alone. */
async function sample(ctx: IPollFunctions, settings: TriggerSettings, scope: Scope, now: number): Promise<IDataObject> {
	const memory = baselineState('sample', [], now);
	let runs: IDataObject[] = [];
	if (settings.needsRuns && scope.flowIds.length) {
		runs = await listRuns(ctx, { flowIds: scope.flowIds, limit: MAX_PAGE_SIZE });
		// Every listed run is new to a state that has seen nothing: the newest one with an event wins.
		for (const run of runs) {
			const [first] = advanceState(memory, [run], { ...settings, now }).emit;
			if (first) return runItems([first], await flowsOf(ctx, settings, scope, [first]), settings, now)[0];
		}
	}
	const [flowEvent] = checkFlowConditions(scope.flows ?? [], memory, { ...settings, now }).emit;
	if (flowEvent) return flowEventItem(flowEvent.event, flowEvent.flow, flowEvent.details, settings.uiOrganization);
	const runEvent = settings.events.find((event): event is RunEvent => !isFlowEvent(event));
	if (runs[0] && runEvent) {
		// Nothing fits: the newest run shows the item's shape.
		const emission = { event: runEvent, run: runs[0] };
		return runItems([emission], await flowsOf(ctx, settings, scope, [emission]), settings, now)[0];
	}
	throw new NodeOperationError(
		ctx.getNode(),
		runs.length || !settings.needsRuns ? 'No event found for the watched dataflows' : 'No runs found for the watched dataflows',
		{ description: 'A dataflow has runs once its schedule has started, and dataflow events need a schedule. Try again after its first run.' },
	);
}

export async function pollRuns(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(ctx);
	const watched = readWatched(ctx, settings);
	const now = Date.now();
	const scope = await scopeOf(ctx, settings, watched);
	if (ctx.getMode() === 'manual') return [ctx.helpers.returnJsonArray([await sample(ctx, settings, scope, now)])];

	const staticData = ctx.getWorkflowStaticData('node');
	const previous = readState(staticData[STATE_KEY]);
	const fresh = !previous || previous.watchKey !== watched.key;
	const startedAfter = fresh ? now - BASELINE_LOOKBACK_MS : windowStart(previous);
	const runs =
		settings.needsRuns && scope.flowIds.length ? await listRuns(ctx, { flowIds: scope.flowIds, startedAfter }) : [];
	if (fresh) {
		// First poll (or a new choice of dataflows): what exists now is the baseline, nothing is emitted.
		staticData[STATE_KEY] = baselineState(watched.key, runs, now);
		return null;
	}
	const { state, emit } = advanceState(previous, runs, { ...settings, now });
	const flowCheck = checkFlowConditions(scope.flows ?? [], state, { ...settings, now });
	state.conditions = flowCheck.conditions;
	const items = [
		...runItems(emit, await flowsOf(ctx, settings, scope, emit), settings, now),
		...flowCheck.emit.map((e) => flowEventItem(e.event, e.flow, e.details, settings.uiOrganization)),
	];
	staticData[STATE_KEY] = state;
	return items.length ? [ctx.helpers.returnJsonArray(items)] : null;
}
