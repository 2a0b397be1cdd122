/**
 * Reading the destinations catalogue: connection specs and flow specs as the live API gives them,
 * kept per credential and sandbox for a while (`catalogueCache.ts`); the tutorials' IDs are a
 * fallback only. `refresh` reads them again.
 */
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectionSpec, ExportType, FlowSpec } from '../domain/catalogue';
import { FALLBACK_DESTINATIONS, flowSpecServes, workflowContext } from '../domain/catalogue';
import type { AepContext } from '../transport';
import { aepListByContinuation } from '../transport';
import { cachedCatalogue, peekCatalogue } from './catalogueCache';
import { getOne } from './getOne';
import { PATHS } from './paths';

export interface CatalogueRead {
	/** Read again, whatever is kept. */
	refresh?: boolean;
}

export async function getConnectionSpecs(ctx: AepContext, read: CatalogueRead = {}): Promise<ConnectionSpec[]> {
	return await cachedCatalogue(
		ctx,
		'connectionSpecs',
		async () => (await aepListByContinuation(ctx, { path: PATHS.connectionSpecs })) as ConnectionSpec[],
		read,
	);
}

export async function getFlowSpecs(ctx: AepContext, read: CatalogueRead = {}): Promise<FlowSpec[]> {
	return await cachedCatalogue(
		ctx,
		'flowSpecs',
		async () => (await aepListByContinuation(ctx, { path: PATHS.flowSpecs })) as FlowSpec[],
		read,
	);
}

/** One spec by ID: from the kept list when there is one, else one read (kept as well). */
export async function getConnectionSpec(
	ctx: AepContext,
	id: string,
	itemIndex?: number,
	read: CatalogueRead = {},
): Promise<ConnectionSpec> {
	if (!read.refresh) {
		// A spec from the kept list; with refresh, the one spec is read again instead.
		const listed = (await peekCatalogue<ConnectionSpec[]>(ctx, 'connectionSpecs'))?.find((spec) => spec.id === id);
		if (listed) return listed;
	}
	return await cachedCatalogue(ctx, `connectionSpec:${id}`, async () => {
		const spec = await getOne<ConnectionSpec>(ctx, PATHS.connectionSpec(id), itemIndex);
		if (!spec) {
			throw new NodeOperationError(ctx.getNode(), `Destination (connection spec) ${id} was not found`, {
				itemIndex,
				description: 'AEP answered without the connection spec. Check the destination ID.',
			});
		}
		return spec;
	}, read);
}

/** The flow specs that take data of this export type to this destination, live first, the tutorials' IDs second. */
export async function flowSpecsFor(
	ctx: AepContext,
	destinationSpecId: string,
	exportType: ExportType,
	read: CatalogueRead = {},
): Promise<FlowSpec[]> {
	const live = (await getFlowSpecs(ctx, read)).filter(
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
	read: CatalogueRead = {},
): Promise<{ flowSpec: FlowSpec }> {
	const [flowSpec] = await flowSpecsFor(ctx, destinationSpecId, exportType, read);
	return { flowSpec: workflowContext(flowSpec ?? { id: '', name: `${exportType} export` }, exportType) };
}
