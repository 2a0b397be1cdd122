/** Get Runs' read of the dataflow: the names for its summaries, and "not found" told apart from "no runs". */
import type { IExecuteFunctions } from 'n8n-workflow';

import { readDataflowNames } from '../../api/flows';
import type { DataflowNames } from '../../domain/runs/runNames';

/**
 * The dataflow's and destination's names, read once per dataflow and execution; this read also
 * tells that the dataflow exists, since `GET /runs` answers a missing one with an empty list.
 */
export async function namesOrNotFound(
	ctx: IExecuteFunctions,
	flowId: string,
	itemIndex: number,
): Promise<DataflowNames | undefined> {
	let failure: unknown;
	try {
		return (await readDataflowNames(ctx, [flowId], itemIndex)).get(flowId);
	} catch (error) {
		failure = error;
	}
	// Anything but a 404 is the transport's NodeApiError already, and so is the 404 when it is to fail.
	if (!isNotFound(failure) || ctx.getNodeParameter('ifDataflowNotFound', itemIndex, 'error') !== 'nothing') {
		throw failure;
	}
	ctx.addExecutionHints({
		message: `Dataflow ${flowId} does not exist in this sandbox, so no runs were output for item ${itemIndex + 1}.`,
		location: 'outputPane',
	});
	return undefined;
}

function isNotFound(error: unknown): boolean {
	const e = error as { httpCode?: string | null; context?: { aep?: { status?: number | null } } };
	return e?.httpCode === '404' || e?.context?.aep?.status === 404;
}
