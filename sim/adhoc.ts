/**
 * Adobe's Ad Hoc Activation API ("export now"), as its OpenAPI reference and the dataset export
 * guide describe it: `POST /data/core/activation/disflowprovider/adhocrun`, v2 for audiences
 * (`Accept: application/vnd.adobe.adhoc.activation+json; version=2`, body
 * `{activationInfo: {<flowId>: [audienceId]}}`), the dataset variant
 * (`application/vnd.adobe.adhoc.dataset.activation+json; version=1`, body
 * `{activationInfo: {destinations: [{flowId, datasets: [{id}]}]}}`). Each export starts a Flow
 * Service run, answered by its `statusURL`. Refusals answer `{message}` with 400, in Adobe's words.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { plainError } from './errors';
import type { NewRun, RunSettling } from './runs';
import { addRun, isCompleted } from './runs';
import type { FlowEntity, SandboxStore, SimulationState } from './store';

export const ADHOC_RUN_PATH = '/data/core/activation/disflowprovider/adhocrun';
const MAX_AUDIENCES = 80;

export interface AdhocConfig {
	/** A new dataset dataflow answers "not ready for dataset export" for this long (default 0). */
	datasetReadyAfterMs: number;
	/** false: dataset ad hoc exports are not enabled for the organization. */
	datasetsEnabled: boolean;
	/** How the runs an ad hoc export starts finish (default: the simulation's settling). */
	settle?: NewRun['settle'];
}

/** The ad hoc run of each audience of each flow, per sandbox: one at a time per audience. */
const running = new WeakMap<SandboxStore, Map<string, string>>();

function audiencesOf(flow: FlowEntity): string[] {
	const transformation = flow.transformations[0] as { params?: { segmentSelectors?: { selectors?: Array<{ value?: { id?: string } }> } } } | undefined;
	return (transformation?.params?.segmentSelectors?.selectors ?? []).map((selector) => String(selector.value?.id));
}

function datasetsOf(store: SandboxStore, flow: FlowEntity): string[] {
	return flow.sourceConnectionIds.flatMap((id) => {
		const params = store.sourceConnections.get(id)?.params as { datasets?: Array<{ dataSetId?: string }> } | undefined;
		return (params?.datasets ?? []).map((dataset) => String(dataset.dataSetId));
	});
}

function flowOr404(store: SandboxStore, flowId: string): FlowEntity {
	const flow = store.flows.get(flowId);
	if (!flow) throw plainError(404, `Destination instance ${flowId} not found`);
	return flow;
}

export interface AdhocCall {
	state: SimulationState;
	store: SandboxStore;
	config: AdhocConfig;
	runSettling: RunSettling;
	headers: IncomingHttpHeaders;
	body: unknown;
	/** `http://127.0.0.1:<port>`, for the statusURLs. */
	gatewayUrl: string;
}

function startRun(call: AdhocCall, flow: FlowEntity): string {
	return addRun(call.state, call.store, flow, { status: 'inProgress', settle: call.config.settle }, call.runSettling).run.id;
}

const statusURL = (call: AdhocCall, runId: string) => `${call.gatewayUrl}/data/foundation/flowservice/runs/${runId}`;

export function handleAdhocRun(call: AdhocCall): { status: number; body: unknown } {
	const accept = String(call.headers.accept ?? '');
	const info = (call.body as { activationInfo?: unknown } | undefined)?.activationInfo;
	if (!info || typeof info !== 'object' || Array.isArray(info)) throw plainError(400, 'activationInfo is required');
	if (/adhoc\.dataset\.activation/i.test(accept)) return datasetRun(call, info as { destinations?: unknown });
	if (!/adhoc\.activation\+json;\s*version=2/i.test(accept) && !Array.isArray((call.body as { exportIds?: unknown }).exportIds)) {
		throw plainError(400, 'exportIds is required (v1); send Accept: application/vnd.adobe.adhoc.activation+json; version=2 for v2');
	}
	return audienceRun(call, info as Record<string, unknown>);
}

function audienceRun(call: AdhocCall, info: Record<string, unknown>) {
	const runs = running.get(call.store) ?? new Map<string, string>();
	running.set(call.store, runs);
	const order: Array<{ segment: string; order: string; statusURL: string }> = [];
	for (const [flowId, audiences] of Object.entries(info)) {
		if (!Array.isArray(audiences) || audiences.some((id) => typeof id !== 'string')) throw plainError(400, `activationInfo.${flowId} must be a list of audience IDs`);
		if (audiences.length > MAX_AUDIENCES) throw plainError(400, `At most ${MAX_AUDIENCES} audiences can be activated per ad hoc job, got ${audiences.length}`);
		const flow = flowOr404(call.store, flowId);
		const mapped = audiencesOf(flow);
		const outside = (audiences as string[]).filter((id) => !mapped.includes(id));
		if (outside.length) throw plainError(400, `Segments ${outside.join(',')} are not part of this dataflow or out of schedule range!`);
		for (const segment of audiences as string[]) {
			const runId = runs.get(`${flowId}:${segment}`);
			const record = runId ? call.store.runs.get(runId) : undefined;
			const status = (record?.run.metrics as { statusSummary?: { status?: string } } | undefined)?.statusSummary?.status;
			if (record && (record.settle || (status && !isCompleted(status)))) {
				throw plainError(400, `Run already going on for audience ${segment} for order ${flowId} with run id ${runId}`);
			}
		}
		for (const segment of audiences as string[]) {
			const runId = startRun(call, flow);
			runs.set(`${flowId}:${segment}`, runId);
			order.push({ segment, order: flowId, statusURL: statusURL(call, runId) });
		}
	}
	return { status: 200, body: { order } };
}

function datasetRun(call: AdhocCall, info: { destinations?: unknown }) {
	if (!Array.isArray(info.destinations)) throw plainError(400, 'activationInfo.destinations is required');
	const destinations = (info.destinations as Array<{ flowId?: string; datasets?: Array<{ id?: string }> }>).map((destination) => {
		const flow = flowOr404(call.store, String(destination.flowId));
		if (!call.config.datasetsEnabled) throw plainError(400, `Adhoc run can not be executed for Flow spec=${flow.flowSpec.id}`);
		if (call.state.now() - Number(flow.createdAt) < call.config.datasetReadyAfterMs) {
			throw plainError(400, `Following order ID(s) are not ready for dataset export: ${flow.id}`);
		}
		const known = datasetsOf(call.store, flow);
		const wanted = (destination.datasets ?? []).map((dataset) => String(dataset.id));
		const outside = wanted.filter((id) => !known.includes(id));
		if (wanted.length === 0 || outside.length) throw plainError(400, `Datasets ${outside.join(',') || '(none)'} are not part of this dataflow or out of schedule range!`);
		return { flowId: flow.id, datasets: wanted.map((id) => ({ id, statusURL: statusURL(call, startRun(call, flow)) })) };
	});
	return { status: 200, body: { destinations } };
}
