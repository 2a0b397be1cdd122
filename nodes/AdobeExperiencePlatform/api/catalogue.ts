/**
 * Reading the destinations catalogue: connection specs and flow specs as the live API gives them,
 * fetched once per execution (and once per dropdown open); the tutorials' IDs are a fallback only.
 */
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectionSpec, ExportType, FlowSpec } from '../domain/catalogue';
import { FALLBACK_DESTINATIONS, flowSpecServes, workflowContext } from '../domain/catalogue';
import type { AepContext } from '../transport';
import { aepListByContinuation, cachedPerExecution } from '../transport';
import { getOne } from './getOne';
import { PATHS } from './paths';

export async function getConnectionSpecs(ctx: AepContext): Promise<ConnectionSpec[]> {
	return await cachedPerExecution(
		ctx,
		'connectionSpecs',
		async () => (await aepListByContinuation(ctx, { path: PATHS.connectionSpecs })) as ConnectionSpec[],
	);
}

export async function getFlowSpecs(ctx: AepContext): Promise<FlowSpec[]> {
	return await cachedPerExecution(
		ctx,
		'flowSpecs',
		async () => (await aepListByContinuation(ctx, { path: PATHS.flowSpecs })) as FlowSpec[],
	);
}

/** One spec by ID, fetched once per execution (a dropdown fetches it each time it opens). */
export async function getConnectionSpec(ctx: AepContext, id: string, itemIndex?: number): Promise<ConnectionSpec> {
	return await cachedPerExecution(ctx, `connectionSpec:${id}`, async () => {
		const spec = await getOne<ConnectionSpec>(ctx, PATHS.connectionSpec(id), itemIndex);
		if (!spec) {
			throw new NodeOperationError(ctx.getNode(), `Destination (connection spec) ${id} was not found`, {
				itemIndex,
				description: 'AEP answered without the connection spec. Check the destination ID.',
			});
		}
		return spec;
	});
}

/** The flow specs that take data of this export type to this destination, live first, the tutorials' IDs second. */
export async function flowSpecsFor(
	ctx: AepContext,
	destinationSpecId: string,
	exportType: ExportType,
): Promise<FlowSpec[]> {
	const live = (await getFlowSpecs(ctx)).filter(
		(flowSpec) =>
			flowSpecServes(flowSpec, exportType) &&
			(flowSpec.targetConnectionSpecIds ?? []).includes(destinationSpecId),
	);
	if (live.length) return live;
	const fallback = FALLBACK_DESTINATIONS.find((d) => d.connectionSpecId === destinationSpecId);
	if (!fallback) return [];
	const id = exportType === 'datasets' ? fallback.datasetFlowSpecId : fallback.audienceFlowSpecId;
	return [{ id, name: `${fallback.name} (${exportType})`, version: '1.0' }];
}

/** Destinations (connection specs) that accept this export type, sorted by name. */
export async function listDestinations(ctx: AepContext, exportType: ExportType): Promise<ConnectionSpec[]> {
	const [specs, flowSpecs] = await Promise.all([getConnectionSpecs(ctx), getFlowSpecs(ctx)]);
	const served = new Set<string>();
	for (const flowSpec of flowSpecs) {
		if (flowSpecServes(flowSpec, exportType)) {
			for (const target of flowSpec.targetConnectionSpecIds ?? []) served.add(target);
		}
	}
	if (served.size === 0) {
		for (const fallback of FALLBACK_DESTINATIONS) served.add(fallback.connectionSpecId);
	}
	return specs
		.filter((spec) => served.has(spec.id))
		.sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/**
 * What a spec's `conditional` reads (`flowSpec.attributes._workflow`): the live flow spec that takes
 * this export type to the destination, its `_workflow` following the export type the user chose
 * (a flow spec may serve both, or say nothing): see `workflowContext`.
 */
export async function conditionalContext(
	ctx: AepContext,
	destinationSpecId: string,
	exportType: ExportType,
): Promise<{ flowSpec: FlowSpec }> {
	const [flowSpec] = await flowSpecsFor(ctx, destinationSpecId, exportType);
	return { flowSpec: workflowContext(flowSpec ?? { id: '', name: `${exportType} export` }, exportType) };
}
