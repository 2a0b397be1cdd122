import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { flowSpecsFor } from '../../api/catalogue';
import { AUTOMATIC_FLOW_SPEC } from '../../descriptions/dataflow';
import type { ExportType } from '../../domain/catalogue';
import type { FlowSpecRef } from '../../domain/dataflow';
import { getDestinationId } from '../../helpers/parameters';
import { requireUuid } from '../../helpers/validation';

/** The flow spec picked, or the one the catalogue has for the destination and export type. */
export async function resolveFlowSpec(
	ctx: IExecuteFunctions,
	itemIndex: number,
	exportType: ExportType,
): Promise<FlowSpecRef> {
	const picked = String(ctx.getNodeParameter('flowSpec', itemIndex, AUTOMATIC_FLOW_SPEC) ?? '').trim();
	if (picked) {
		const id = requireUuid(ctx, 'Flow Spec', picked, 'Allowed: a flow spec picked from the list, or its ID (a UUID such as 269ba276-16fc-47db-92b0-c1049a3c131f).', itemIndex);
		return { id, version: '1.0' };
	}
	// Only an automatic choice needs the destination.
	const destinationId = getDestinationId(ctx, itemIndex);
	const specs = await flowSpecsFor(ctx, destinationId, exportType);
	if (specs.length === 1) return { id: specs[0].id, version: specs[0].version ?? '1.0', name: specs[0].name };
	const found = specs.map((spec) => `${spec.name} (${spec.id})`).join(', ');
	throw new NodeOperationError(
		ctx.getNode(),
		specs.length === 0
			? `No flow spec takes ${exportType} to destination ${destinationId}`
			: `Several flow specs take ${exportType} to destination ${destinationId}: ${found}`,
		{
			itemIndex,
			description:
				specs.length === 0
					? 'Check the destination and the export type, or pick a flow spec by ID.'
					: 'Pick one of them in "Flow Spec".',
		},
	);
}
