import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Runs `perItem` for every input item and collects its output items, each paired with its input.
 * With "Continue On Fail", a failing item yields one error item and the others carry on.
 */
export async function executePerItem(
	ctx: IExecuteFunctions,
	perItem: (itemIndex: number) => Promise<IDataObject[] | INodeExecutionData[]>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await perItem(itemIndex);
			output.push(...pairResults(ctx, results, itemIndex));
		} catch (error) {
			if (ctx.continueOnFail()) {
				output.push(errorItem(error, itemIndex));
				continue;
			}
			throw asNodeError(ctx, error, itemIndex);
		}
	}
	return [output];
}

/**
 * Runs `run` once for all input items (e.g. one record made of every item's value): its one output
 * item is paired with every input item. With "Continue On Fail", a failure yields one error item,
 * paired the same way. Errors that name no item are reported on the first.
 */
export async function executeOnceForAllItems(
	ctx: IExecuteFunctions,
	run: () => Promise<IDataObject>,
): Promise<INodeExecutionData[][]> {
	const pairedItem = ctx.getInputData().map((_, item) => ({ item }));
	try {
		return [[{ json: await run(), pairedItem }]];
	} catch (error) {
		if (ctx.continueOnFail()) return [[{ ...errorItem(error, 0), pairedItem }]];
		throw asNodeError(ctx, error, 0);
	}
}

export function pairResults(
	ctx: IExecuteFunctions,
	results: IDataObject[] | INodeExecutionData[],
	itemIndex: number,
): INodeExecutionData[] {
	const asItems = (results as Array<IDataObject | INodeExecutionData>).map((result) =>
		isExecutionData(result) ? result : { json: result },
	);
	return ctx.helpers.constructExecutionMetaData(asItems, { itemData: { item: itemIndex } });
}

function isExecutionData(value: IDataObject | INodeExecutionData): value is INodeExecutionData {
	return typeof value.json === 'object' && value.json !== null && !Array.isArray(value.json);
}

/** The item "Continue On Fail" emits: the error's message, description and AEP's facts. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const e = error as { message?: string; description?: string | null; context?: IDataObject };
	const json: IDataObject = { error: e?.message ?? String(error) };
	if (e?.description) json.description = e.description;
	if (e?.context?.aep) json.aep = e.context.aep as IDataObject;
	return { json, pairedItem: { item: itemIndex } };
}

export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	const e = error as { name?: string; context?: IDataObject };
	if (e?.name === 'NodeApiError' || e?.name === 'NodeOperationError') {
		if (e.context && e.context.itemIndex === undefined) e.context.itemIndex = itemIndex;
		return error as Error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), message || 'Unknown error', { itemIndex });
}
