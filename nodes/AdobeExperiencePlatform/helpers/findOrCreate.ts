/**
 * "If one with this name already exists": create another, reuse it, or fail. One helper for every
 * create operation (base, source and target connections, dataflows), so a scheduled re-run does
 * not pile up duplicates. The lookup is `listByName` in `api/collections.ts`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Collection } from '../api/collections';
import { deleteRecord, listByName } from '../api/collections';
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
	 * Why an existing record that is the same thing (see `identity`) still cannot stand in for the one
	 * asked for, or undefined when it can: settings that can be changed on it (a target connection's
	 * parameters), which "Reuse It" neither overrides nor duplicates.
	 */
	mismatch?: (existing: IDataObject) => string | undefined;
	/**
	 * Whether an existing record with the name is the same thing (same connection spec, same base
	 * connection, same datasets; for a dataflow the same flow spec and connections): with Reuse It
	 * only those are candidates for reuse or a conflict; when none is, a new one is created (issue
	 * 12: look up by name within the identity, create when nothing matches).
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

/** Oldest first: createdAt, then id, so every run that sees the same records picks the same one. */
export function oldestFirst(a: IDataObject, b: IDataObject): number {
	const byTime = Number(a.createdAt ?? Number.MAX_SAFE_INTEGER) - Number(b.createdAt ?? Number.MAX_SAFE_INTEGER);
	return byTime !== 0 ? byTime : String(a.id ?? '').localeCompare(String(b.id ?? ''));
}

function isSameThing(request: FindOrCreateRequest, record: IDataObject): boolean {
	return request.identity?.(record) ?? true;
}

async function recordsNamed(ctx: IExecuteFunctions, request: FindOrCreateRequest): Promise<IDataObject[]> {
	const found = await listByName(ctx, request.collection, request.name, request.filters, request.itemIndex);
	// The filter is AEP's; the exact comparison is ours (case, spaces).
	return found.filter((record) => record.name === request.name).sort(oldestFirst);
}

/**
 * "Reuse It" with concurrent runs. What is guaranteed: a run reuses the oldest equal record it
 * sees; after creating, it looks again, and if an equal record with the same name is older than the
 * one it made (createdAt, then id), it deletes its own and uses that one, so runs that can see
 * each other's records converge on one. A create whose outcome is unknown (unreadable answer, 5xx,
 * broken connection) looks again too: the oldest equal record is used and the newer ones, made
 * meanwhile by this run or a concurrent one, are deleted; nothing listed leaves the error. What is
 * not: AEP's listing may lag behind a create, so two runs that start within that lag may each keep
 * their own record (a duplicate, picked up by the next run's "Reuse It" as the oldest); when the
 * second look or the delete fails, the record just made stays (output, or left for the oldest-wins
 * rule), and a concurrent run whose create's outcome was unknown may delete it; a record that is not
 * the same thing (other connections) is never reused or deleted.
 */
export async function findOrCreate(ctx: IExecuteFunctions, request: FindOrCreateRequest): Promise<FindOrCreateResult> {
	const { resource, name, ifExists, itemIndex } = request;
	if (ifExists === 'create') return { record: await request.create(), created: true };

	checkNameForLookup(ctx, name, itemIndex);
	const named = await recordsNamed(ctx, request);
	// Fail means "no second one with this name"; Reuse It only takes the same thing.
	const existing = ifExists === 'fail' ? named : named.filter((record) => isSameThing(request, record));
	if (existing.length === 0) return await createThenConverge(ctx, request);

	const [oldest] = existing;
	const others = existing.length > 1 ? ` and ${existing.length - 1} more` : '';
	if (ifExists === 'fail') {
		throw new NodeOperationError(
			ctx.getNode(),
			`A ${resource} named "${name}" already exists (ID ${String(oldest.id)}${others})`,
			{
				itemIndex,
				description: `"${IF_EXISTS_DISPLAY_NAME}" is set to Fail. Set it to Reuse It to use the existing ${resource}, or pick another name.`,
			},
		);
	}
	const reusable = existing.find((record) => !request.mismatch?.(record));
	if (reusable) return { record: reusable, created: false };
	const reason = request.mismatch?.(oldest);
	throw new NodeOperationError(
		ctx.getNode(),
		`A ${resource} named "${name}" already exists (ID ${String(oldest.id)}) but cannot be reused: ${reason}`,
		{
			itemIndex,
			description: `Pick another name, or set "${IF_EXISTS_DISPLAY_NAME}" to Create Another.`,
		},
	);
}

function mayHaveCreated(error: unknown): boolean {
	return (error as { context?: IDataObject })?.context?.mayHaveCreated === true;
}

function equalRecords(request: FindOrCreateRequest, listed: IDataObject[]): IDataObject[] {
	return listed.filter((record) => isSameThing(request, record) && !request.mismatch?.(record));
}

async function deleteQuietly(ctx: IExecuteFunctions, request: FindOrCreateRequest, id: string): Promise<void> {
	try {
		await deleteRecord(ctx, request.collection, id, request.itemIndex);
	} catch {
		// Left behind, it is never picked by "Reuse It" (the older one is), so runs still converge.
	}
}

/**
 * The create's outcome is unknown (its answer was lost or unreadable, or a 5xx): do now what the
 * message would ask the user to do, "run again with Reuse It". No equal record appeared before the
 * create, so every equal record listed now was made since, by this run or a concurrent one: the
 * oldest is kept and used, the others are deleted as each maker would delete its own. Nothing
 * listed: the error stands (nothing was made, or AEP does not list it yet).
 */
async function convergeAfterUnknownCreate(
	ctx: IExecuteFunctions,
	request: FindOrCreateRequest,
	createError: unknown,
): Promise<FindOrCreateResult> {
	let listed: IDataObject[];
	try {
		listed = await recordsNamed(ctx, request);
	} catch {
		throw createError;
	}
	const [winner, ...newer] = equalRecords(request, listed);
	if (!winner) throw createError;
	for (const record of newer) await deleteQuietly(ctx, request, String(record.id));
	return { record: winner, created: false };
}

async function createThenConverge(ctx: IExecuteFunctions, request: FindOrCreateRequest): Promise<FindOrCreateResult> {
	const attempt = await request.create().then(
		(record) => ({ failed: false as const, record }),
		(error: unknown) => ({ failed: true as const, error }),
	);
	if (attempt.failed) {
		if (request.ifExists === 'reuse' && mayHaveCreated(attempt.error)) {
			return await convergeAfterUnknownCreate(ctx, request, attempt.error);
		}
		throw attempt.error;
	}
	const created = attempt.record;
	const createdId = String(created.id ?? '');
	let listed: IDataObject[];
	try {
		listed = await recordsNamed(ctx, request);
	} catch {
		// The record exists: a failed second look must not hide it. The next "Reuse It" converges.
		return { record: created, created: true };
	}
	const equal = equalRecords(request, listed);
	const ours = equal.find((record) => String(record.id) === createdId);
	// Ours not listed yet: it is the newest, so any equal record listed is older.
	const winner = ours ? equal[0] : equal.find((record) => String(record.id) !== createdId);
	if (!winner || String(winner.id) === createdId) return { record: created, created: true };
	await deleteQuietly(ctx, request, createdId);
	return { record: winner, created: false };
}

/** What every create operation outputs first: the ID and etag AEP gave (or the existing record's), and whether it is new. */
export function createdOrReused(result: FindOrCreateResult, name: string): IDataObject {
	return {
		id: result.record.id,
		etag: result.record.etag ?? null,
		name: result.created ? name : (result.record.name ?? name),
		created: result.created,
	};
}
