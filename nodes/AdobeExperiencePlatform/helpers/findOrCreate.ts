/**
 * "If one with this name already exists": create another, reuse it, or fail. One helper for every
 * create node (`/connections`, `/sourceConnections`, `/targetConnections`, `/flows`), so a
 * scheduled re-run does not pile up duplicates. The lookup is `GET <path>?property=name==<name>`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Collection } from '../api/collections';
import { listByName } from '../api/collections';
import { invalidParameter } from './validation';

export type IfExists = 'create' | 'reuse' | 'fail';

const IF_EXISTS_VALUES: IfExists[] = ['create', 'reuse', 'fail'];
export const IF_EXISTS_DISPLAY_NAME = 'If One With This Name Already Exists';

export interface FindOrCreateRequest {
	/** Where the record lives, e.g. `baseConnections` or `flows`. */
	collection: Collection;
	/** What it is, for messages: "base connection", "dataflow". */
	resource: string;
	name: string;
	ifExists: IfExists;
	itemIndex: number;
	/** Sends the POST and returns AEP's answer (`{id, etag}`). */
	create: () => Promise<IDataObject>;
	/**
	 * Why an existing record with the name cannot stand in for the one asked for (another
	 * destination, other datasets, ...), or undefined when it can.
	 */
	mismatch?: (existing: IDataObject) => string | undefined;
	/**
	 * Whether an existing record with the name is the same thing (same connection spec, same base
	 * connection, same datasets): with Reuse It only those are candidates for reuse or a conflict;
	 * when none is, a new one is created.
	 */
	identity?: (existing: IDataObject) => boolean;
	/** More `property` filters, ANDed with the name (e.g. destination flows only). */
	filters?: string[];
}

export interface FindOrCreateResult {
	/** AEP's create answer, or the existing record as GET returned it (callers pick what to output). */
	record: IDataObject;
	created: boolean;
}

function getIfExists(ctx: IExecuteFunctions, itemIndex: number): IfExists {
	const value = ctx.getNodeParameter('ifExists', itemIndex, 'reuse') as IfExists;
	if (!IF_EXISTS_VALUES.includes(value)) {
		throw invalidParameter(
			ctx,
			IF_EXISTS_DISPLAY_NAME,
			value,
			'Allowed: "create" (Create Another), "reuse" (Reuse It) or "fail" (Fail).',
			itemIndex,
		);
	}
	return value;
}

/**
 * A name AEP's filter can look up exactly. A comma in a filter value means "or"
 * (`name==a,b` finds "a" or "b"), so a name with a comma cannot be looked up.
 */
function checkNameForLookup(ctx: IExecuteFunctions, name: string, itemIndex: number): void {
	if (name.includes(',')) {
		throw invalidParameter(
			ctx,
			'Name',
			name,
			`Allowed: a name without commas, because AEP's name filter reads a comma as "or". Remove the comma, or set "${IF_EXISTS_DISPLAY_NAME}" to Create Another, which does not look the name up.`,
			itemIndex,
		);
	}
}

/**
 * Reads the Name (what is created and looked up, exactly as typed) and "If One With This Name
 * Already Exists", and checks them together, so a name that cannot be looked up is refused before
 * the node sends anything.
 */
export function getNameAndIfExists(
	ctx: IExecuteFunctions,
	itemIndex: number,
	resource: string,
): { name: string; ifExists: IfExists } {
	const name = ctx.getNodeParameter('name', itemIndex, '') as unknown;
	if (typeof name !== 'string' || name.trim() === '') {
		throw invalidParameter(ctx, 'Name', name, `Required: a name for the ${resource}.`, itemIndex);
	}
	const ifExists = getIfExists(ctx, itemIndex);
	if (ifExists !== 'create') checkNameForLookup(ctx, name, itemIndex);
	return { name, ifExists };
}

function newestFirst(a: IDataObject, b: IDataObject): number {
	return Number(b.createdAt ?? 0) - Number(a.createdAt ?? 0);
}

export async function findOrCreate(ctx: IExecuteFunctions, request: FindOrCreateRequest): Promise<FindOrCreateResult> {
	const { collection, resource, name, ifExists, itemIndex } = request;
	if (ifExists === 'create') return { record: await request.create(), created: true };

	checkNameForLookup(ctx, name, itemIndex);
	const found = await listByName(ctx, collection, name, request.filters, itemIndex);
	// The filter is AEP's; the exact comparison is ours (case, spaces).
	const named = found.filter((record) => record.name === name).sort(newestFirst);
	// Fail means "no second one with this name"; Reuse It only takes the same thing.
	const existing = ifExists === 'fail' ? named : named.filter((record) => request.identity?.(record) ?? true);
	if (existing.length === 0) return { record: await request.create(), created: true };

	const [newest] = existing;
	const others = existing.length > 1 ? ` and ${existing.length - 1} more` : '';
	if (ifExists === 'fail') {
		throw new NodeOperationError(
			ctx.getNode(),
			`A ${resource} named "${name}" already exists (ID ${String(newest.id)}${others})`,
			{
				itemIndex,
				description: `"${IF_EXISTS_DISPLAY_NAME}" is set to Fail. Set it to Reuse It to use the existing ${resource}, or pick another name.`,
			},
		);
	}
	const reason = request.mismatch?.(newest);
	if (reason) {
		throw new NodeOperationError(
			ctx.getNode(),
			`A ${resource} named "${name}" already exists (ID ${String(newest.id)}) but cannot be reused: ${reason}`,
			{
				itemIndex,
				description: `Pick another name, or set "${IF_EXISTS_DISPLAY_NAME}" to Create Another.`,
			},
		);
	}
	return { record: newest, created: false };
}

/** What every create node outputs first: the ID and etag AEP gave (or the existing record's), and whether it is new. */
export function createdOrReused(result: FindOrCreateResult, name: string): IDataObject {
	return {
		id: result.record.id,
		etag: result.record.etag ?? null,
		name: result.created ? name : (result.record.name ?? name),
		created: result.created,
	};
}
