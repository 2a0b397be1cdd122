/**
 * The create-and-look-up collections (`/connections`, `/sourceConnections`, `/targetConnections`,
 * `/flows`): creating a record, finding records by exact name, and one page of a collection for a
 * searchable dropdown.
 */
import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import type { AepContext } from '../transport';
import {
	aepListByContinuation,
	aepRequest,
	aepRequestBody,
	continuationTokenOf,
	incompleteAnswerError,
	MAX_PAGE_SIZE,
} from '../transport';
import type { Collection } from './paths';
import { COLLECTIONS } from './paths';

export type { Collection } from './paths';

/** What each collection holds, for messages ("the dataflow may have been created"). */
const RECORD_NAMES: Record<Collection, string> = {
	baseConnections: 'base connection',
	sourceConnections: 'source connection',
	targetConnections: 'target connection',
	flows: 'dataflow',
};

/** POST a new record; AEP answers `{id, etag}`. Never retried: a create is not idempotent. */
export async function createRecord(
	ctx: AepContext,
	collection: Collection,
	body: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	const request = { method: 'POST' as const, path: COLLECTIONS[collection], body, itemIndex, creates: RECORD_NAMES[collection] };
	const response = await aepRequest(ctx, request);
	// Without an ID the next node has nothing to work with, and the record may still exist.
	if (typeof response.body?.id !== 'string' || response.body.id === '') {
		throw incompleteAnswerError(ctx, request, response, 'it held no ID');
	}
	return response.body;
}

/** DELETE one record (a duplicate this node just made); AEP answers 204. */
export async function deleteRecord(ctx: AepContext, collection: Collection, id: string, itemIndex?: number): Promise<void> {
	await aepRequestBody(ctx, {
		method: 'DELETE',
		path: `${COLLECTIONS[collection]}/${encodeURIComponent(id)}`,
		itemIndex,
	});
}

/**
 * `GET <collection>?property=name==<name>` (plus more `property` filters, ANDed). AEP's filter is
 * not exact (case, spaces), so the caller compares names itself.
 */
export async function listByName(
	ctx: AepContext,
	collection: Collection,
	name: string,
	filters: string[] = [],
	itemIndex?: number,
): Promise<IDataObject[]> {
	const property = [`name==${name}`, ...filters];
	return await aepListByContinuation(ctx, {
		path: COLLECTIONS[collection],
		qs: { property: property.length === 1 ? property[0] : property },
		itemIndex,
	});
}

export interface CollectionSearch {
	collection: Collection;
	/** A `property` filter sent with every page, e.g. destination dataflows only. */
	property?: string;
	filter?: string;
	paginationToken?: string;
	/** The entry's description in the dropdown. */
	describe?: (item: IDataObject) => string | undefined;
}

/** Whether a dropdown entry matches what the user typed: its name or ID contains it, any case. */
export function matchesSearch(filter: string | undefined, name: unknown, id: unknown): boolean {
	const wanted = filter?.trim().toLowerCase();
	return !wanted || `${String(name ?? '')} ${String(id)}`.toLowerCase().includes(wanted);
}

/**
 * One page of a collection for a listSearch dropdown, newest first. The collections have no name
 * search, so each page is narrowed here and n8n asks for the next page with AEP's continuation
 * token.
 */
export async function searchCollectionPage(ctx: AepContext, search: CollectionSearch): Promise<INodeListSearchResult> {
	const page = await aepRequestBody<{ items?: IDataObject[]; _links?: { next?: { href?: string } } }>(ctx, {
		method: 'GET',
		path: COLLECTIONS[search.collection],
		qs: {
			...(search.property ? { property: search.property } : {}),
			limit: MAX_PAGE_SIZE,
			orderby: '-createdAt',
			...(search.paginationToken ? { continuationToken: search.paginationToken } : {}),
		},
	});
	const results = (page.items ?? [])
		.filter((item) => matchesSearch(search.filter, item.name, item.id))
		.map((item) => ({
			name: String(item.name ?? item.id),
			value: String(item.id),
			description: search.describe?.(item),
		}));
	return { results, paginationToken: continuationTokenOf(page._links?.next?.href) };
}
