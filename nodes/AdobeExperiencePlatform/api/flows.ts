/**
 * Destination dataflows (`/flows`): reading one, the safe way to change one, and enabling or
 * disabling it. The safe change: build the patch against the flow (as the caller has it with its
 * etag, else as read), send it with `If-Match` (the etag, quoted once), and when AEP answers 412
 * (someone changed the flow in between, so nothing was written) read again, rebuild and retry, a
 * bounded number of times.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ifMatchHeader } from '../domain/etag';
import type { JsonPatchOperation } from '../domain/patch/changes';
import type { DataflowNames } from '../domain/runs/runNames';
import { dataflowNamesOf } from '../domain/runs/runNames';
import type { AepContext } from '../transport';
import { aepListByContinuation, aepRequest, cachedPerExecution, mapBounded, PARALLEL_REQUEST_LIMIT } from '../transport';
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

/** Attempts at one update (first try included) before a 412 is reported. */
export const MAX_PATCH_ATTEMPTS = 3;

export interface PatchResult {
	/** The flow the patch that succeeded was computed against (as read, or as the caller had it). */
	before: IDataObject;
	operations: JsonPatchOperation[];
	attempts: number;
	/** HTTP status of the PATCH (200 with `{id, etag}` or 202 without a body); undefined when nothing was sent. */
	statusCode?: number;
	/** The etag the PATCH answered with, if any. */
	etag?: string;
}

export function isPreconditionFailed(error: unknown): boolean {
	const e = error as { httpCode?: string | null; context?: { aep?: { status?: number | null } } };
	return e?.httpCode === '412' || e?.context?.aep?.status === 412;
}

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
	const maxAttempts = options.maxAttempts ?? MAX_PATCH_ATTEMPTS;
	// The flow as the caller already has it (with its etag) saves the read; a stale one gets a 412.
	let flow = options.known ?? (await getDataflow(ctx, flowId, options.itemIndex));
	for (let attempt = 1; ; attempt++) {
		const operations = build(flow);
		if (operations.length === 0) return { before: flow, operations, attempts: attempt - 1 };
		const ifMatch = ifMatchHeader(String(flow.etag ?? ''));
		let failure: unknown;
		try {
			const response = await aepRequest<IDataObject>(ctx, {
				method: 'PATCH',
				path: PATHS.flow(flowId),
				body: operations as unknown as IDataObject[],
				headers: { 'If-Match': ifMatch },
				itemIndex: options.itemIndex,
			});
			const etag = typeof response.body?.etag === 'string' ? response.body.etag : undefined;
			return { before: flow, operations, attempts: attempt, statusCode: response.statusCode, etag };
		} catch (error) {
			failure = error;
		}
		// Anything but a 412 is already the transport's NodeApiError: the write may have happened, so no retry.
		if (!isPreconditionFailed(failure)) throw failure;
		if (attempt >= maxAttempts) {
			const aep = (failure as { context?: { aep?: IDataObject } }).context?.aep ?? {};
			const apiError = new NodeApiError(
				ctx.getNode(),
				{ message: String(aep.aepMessage ?? 'Precondition failed') } as JsonObject,
				{
					message: `Dataflow ${flowId} kept changing while this node updated it: AEP answered 412 (etag mismatch) to ${attempt} attempts, each made against a fresh read`,
					description:
						'Another client is updating this dataflow right now. Nothing was changed by this node. Run it again later.',
					httpCode: '412',
					itemIndex: options.itemIndex,
				},
			);
			apiError.context.aep = aep;
			throw apiError;
		}
		// AEP refused the write (nothing changed): read the flow again and rebuild against it.
		flow = await getDataflow(ctx, flowId, options.itemIndex);
	}
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
