/** Reading the parameters several operations share, each checked before any request. */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import type { ExportType } from '../domain/catalogue';
import { DATAFLOW_ID_EXAMPLE, DESTINATION_ID_EXAMPLE } from '../descriptions/locators';
import { isUuid } from '../domain/uuid';
import { invalidParameter, requireUuid } from './validation';

export function getExportType(ctx: IExecuteFunctions, itemIndex: number): ExportType {
	const value = ctx.getNodeParameter('exportType', itemIndex, 'datasets') as ExportType;
	if (value !== 'datasets' && value !== 'audiences') {
		throw invalidParameter(ctx, 'Export Type', value, 'Allowed: "datasets" or "audiences".', itemIndex);
	}
	return value;
}

/** Reads the destination locator and checks the connection spec ID before any request. */
export function getDestinationId(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireUuid(
		ctx,
		'Destination',
		ctx.getNodeParameter('destination', itemIndex, '', { extractValue: true }),
		`Allowed: a destination picked from the list, or its connection spec ID (a UUID such as ${DESTINATION_ID_EXAMPLE}).`,
		itemIndex,
	);
}

/** Checks a dataflow ID (from the locator, or from a list of them) before any request. */
export function checkDataflowId(
	ctx: IExecuteFunctions | IPollFunctions,
	value: unknown,
	parameter = 'Dataflow',
	itemIndex?: number,
): string {
	return requireUuid(
		ctx,
		parameter,
		value,
		`Allowed: a dataflow picked from the list, or its ID (a UUID such as ${DATAFLOW_ID_EXAMPLE}).`,
		itemIndex,
	);
}

/**
 * Reads the Dataflow locator and checks the ID before any request. A trigger has no items, and
 * its `getNodeParameter` takes no item index: call it without one there.
 */
export function getDataflowId(ctx: IPollFunctions): string;
export function getDataflowId(ctx: IExecuteFunctions, itemIndex: number): string;
export function getDataflowId(ctx: IExecuteFunctions | IPollFunctions, itemIndex?: number): string {
	const value =
		itemIndex === undefined
			? (ctx as IPollFunctions).getNodeParameter('dataflow', '', { extractValue: true })
			: (ctx as IExecuteFunctions).getNodeParameter('dataflow', itemIndex, '', { extractValue: true });
	return checkDataflowId(ctx, value, 'Dataflow', itemIndex);
}

/** A source or target connection ID, picked or taken from an earlier node's output. */
export function getConnectionId(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof raw === 'string' ? raw.trim() : '';
	// Flow Service IDs are UUIDs: anything else would only come back as AEP's 400, after a lookup.
	if (!isUuid(id)) {
		throw invalidParameter(
			ctx,
			label,
			raw,
			`Allowed: the ${label.toLowerCase()} ID (a UUID such as 12ab90c7-519c-4291-bd20-d64186b62da8), picked from the list or taken from an earlier node's output.`,
			itemIndex,
		);
	}
	return id;
}

