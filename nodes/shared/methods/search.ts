import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { aepRequestBody, continuationTokenOf, MAX_PAGE_SIZE } from '../../AdobeExperiencePlatform/transport';

/** Whether a dropdown entry matches what the user typed: its name or ID contains it, any case. */
export function matchesSearch(filter: string | undefined, name: unknown, id: unknown): boolean {
	const wanted = filter?.trim().toLowerCase();
	return !wanted || `${String(name ?? '')} ${String(id)}`.toLowerCase().includes(wanted);
}

export interface CollectionSearch {
	/** Collection path, e.g. `/flows`. */
	path: string;
	/** A `property` filter sent with every page, e.g. destination dataflows only. */
	property?: string;
	filter?: string;
	paginationToken?: string;
	/** The entry's description in the dropdown. */
	describe?: (item: IDataObject) => string | undefined;
}

/**
 * One page of a Flow Service collection for a listSearch dropdown, newest first. The collections
 * have no name search, so each page is narrowed here and n8n asks for the next page with AEP's
 * continuation token.
 */
export async function searchCollectionPage(
	ctx: ILoadOptionsFunctions,
	search: CollectionSearch,
): Promise<INodeListSearchResult> {
	const page = await aepRequestBody<{ items?: IDataObject[]; _links?: { next?: { href?: string } } }>(ctx, {
		method: 'GET',
		path: search.path,
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
