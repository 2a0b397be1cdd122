/**
 * Destination dataflows (`/flows`): reading one, the safe way to change one (`patchWithEtag`), and
 * enabling or disabling it.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JsonPatchOperation } from '../domain/patch/changes';
import type { DataflowNames } from '../domain/runs/runNames';
import { dataflowNamesOf } from '../domain/runs/runNames';
import type { AepContext } from '../transport';
import { aepListByContinuation, aepRequest, cachedPerExecution, mapBounded, PARALLEL_REQUEST_LIMIT } from '../transport';
import type { PatchResult } from './etagPatch';
import { patchWithEtag } from './etagPatch';
import { getOne } from './getOne';
import { PATHS } from './paths';

/** Flow Service's filter for destination dataflows only. */
export const DESTINATION_FLOW_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';

/** GET /flows/{id}. */
export async function getDataflow(ctx: AepContext, flowId: string, itemIndex?: number): Promise<IDataObject> {
	const flow = await getOne(ctx, PATHS.flow(flowId), itemIndex);
	if (!flow) {
		throw new NodeOperationError(ctx.getNode(), `Dataflow ${flowId} was not found`, {
			itemIndex,
			description: 'AEP answered without the dataflow. Check the ID and the sandbox of the credential.',
		});
	}
	return flow;
}

/** A dataflow read at most once per execution (names, details), for outputs that only read it. */
export async function readDataflowOnce(ctx: AepContext, flowId: string, itemIndex?: number): Promise<IDataObject> {
	return await cachedPerExecution(ctx, `dataflow:${flowId}`, async () => await getDataflow(ctx, flowId, itemIndex));
}

/**
 * The names of these dataflows and their destinations, for run summaries: each distinct dataflow
 * read once (and once per execution), unless it is among the flows already `known`. A dataflow
 * that does not exist fails with AEP's "not found".
 */
export async function readDataflowNames(
	ctx: AepContext,
	flowIds: string[],
	itemIndex?: number,
	known: IDataObject[] = [],
): Promise<Map<string, DataflowNames>> {
	const names = new Map<string, DataflowNames>();
	for (const flow of known) names.set(String(flow.id), dataflowNamesOf(flow));
	const missing = [...new Set(flowIds)].filter((id) => !names.has(id));
	const flows = await mapBounded(missing, PARALLEL_REQUEST_LIMIT, async (id) => await readDataflowOnce(ctx, id, itemIndex));
	missing.forEach((id, index) => names.set(id, dataflowNamesOf(flows[index])));
	return names;
}

/** Flow Service's filter for dataflows to one destination (connection spec). */
export function destinationSpecFilter(connectionSpecId: string): string {
	return `inheritedAttributes.targetConnections[].connectionSpec.id==${connectionSpecId}`;
}

/** Every destination dataflow in the credential's sandbox, optionally only those to one destination. */
export async function listDestinationDataflows(ctx: AepContext, destinationSpecId?: string): Promise<IDataObject[]> {
	const property = destinationSpecId ? [DESTINATION_FLOW_FILTER, destinationSpecFilter(destinationSpecId)] : DESTINATION_FLOW_FILTER;
	return await aepListByContinuation(ctx, { path: PATHS.flows, qs: { property } });
}

export { MAX_PATCH_ATTEMPTS } from './etagPatch';
export type { PatchResult } from './etagPatch';

/**
 * Applies the operations `build` computes from the current flow. `build` may throw input errors
 * (e.g. an audience to remove is not in the flow); nothing is sent then. With no operations, no
 * PATCH is sent.
 */
export async function patchDataflow(
	ctx: AepContext,
	flowId: string,
	build: (flow: IDataObject) => JsonPatchOperation[],
	options: { itemIndex?: number; maxAttempts?: number; known?: IDataObject } = {},
): Promise<PatchResult> {
	return await patchWithEtag(ctx, {
		what: 'Dataflow',
		id: flowId,
		path: PATHS.flow(flowId),
		read: async () => await getDataflow(ctx, flowId, options.itemIndex),
		build,
		...options,
	});
}

/** POST /flows/{id}/action?op=enable|disable. */
export async function setDataflowState(
	ctx: AepContext,
	flowId: string,
	state: 'enable' | 'disable',
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await aepRequest<IDataObject>(ctx, {
		method: 'POST',
		path: PATHS.flowAction(flowId),
		qs: { op: state },
		itemIndex,
	});
	return response.body ?? {};
}
