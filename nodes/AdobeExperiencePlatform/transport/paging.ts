import type { IDataObject } from 'n8n-workflow';

import { mapWithBackoff, pagesInFlight } from './concurrency';
import { listingError } from './errors';
import { aepRequestBody, throttledAnswers } from './request';
import type { AepContext } from './types';

/** AEP's largest page size on both paging schemes. */
export const MAX_PAGE_SIZE = 100;

/** Most pages one listing reads (50,000 items at 100 a page); tests lower it. */
const pagingBounds = { maxPages: 500 };

export function setMaxPages(maxPages: number): number {
	const previous = pagingBounds.maxPages;
	pagingBounds.maxPages = maxPages;
	return previous;
}

function tooManyPages(ctx: AepContext, list: ListRequest, pages: number): Error {
	return listingError(
		ctx,
		list,
		`Listing ${list.path} stopped after ${pages} pages (${pages * MAX_PAGE_SIZE} items at most), the most one listing reads`,
		'Set a Limit or narrow the filters, so that fewer items are listed.',
	);
}

export interface ListRequest {
	path: string;
	qs?: IDataObject;
	/** Undefined means every item. */
	limit?: number;
	itemIndex?: number;
	/** Key holding the items in each page; AEP uses `items`. */
	itemsKey?: string;
	/** Client-side filter (continuation lists): full pages are read and the limit counts kept items. */
	keep?: (item: IDataObject) => boolean;
	/** Epoch ms no page request may outlive (a wait's own timeout). */
	deadline?: number;
}

interface ContinuationPage {
	_links?: { next?: { href?: string } };
	[key: string]: unknown;
}

/**
 * Lists over continuation tokens: each page's `_links.next.href` carries `continuationToken` as a
 * URL query parameter; the filters of the first request are repeated on every page.
 */
export async function aepListByContinuation(ctx: AepContext, list: ListRequest): Promise<IDataObject[]> {
	const itemsKey = list.itemsKey ?? 'items';
	const results: IDataObject[] = [];
	let token: string | undefined;
	const seenTokens = new Set<string>();
	let pages = 0;
	do {
		if (++pages > pagingBounds.maxPages) throw tooManyPages(ctx, list, pages - 1);
		const remaining =
			list.limit === undefined || list.keep ? MAX_PAGE_SIZE : list.limit - results.length;
		const page = await aepRequestBody<ContinuationPage>(ctx, {
			method: 'GET',
			path: list.path,
			qs: {
				...list.qs,
				limit: Math.min(MAX_PAGE_SIZE, remaining),
				...(token ? { continuationToken: token } : {}),
			},
			itemIndex: list.itemIndex,
			deadline: list.deadline,
		});
		const items = (page[itemsKey] as IDataObject[] | undefined) ?? [];
		results.push(...(list.keep ? items.filter(list.keep) : items));
		token = continuationTokenOf(page._links?.next?.href);
		if (items.length === 0) break;
		if (token !== undefined) {
			if (seenTokens.has(token)) {
				throw listingError(
					ctx,
					list,
					`Listing ${list.path} stopped: AEP answered page ${pages} with the continuation token of an earlier page, so the listing would never end`,
					'Run it again; if it happens again, AEP\'s paging of this list is broken: set a Limit to read only the first pages.',
				);
			}
			seenTokens.add(token);
		}
	} while (token && (list.limit === undefined || results.length < list.limit));
	return list.limit === undefined ? results : results.slice(0, list.limit);
}

export function continuationTokenOf(href: string | undefined): string | undefined {
	if (!href) return undefined;
	const query = href.includes('?') ? href.slice(href.indexOf('?') + 1) : href;
	return new URLSearchParams(query).get('continuationToken') ?? undefined;
}

export interface StartLimitPage {
	pageInfo?: { start?: number; end?: number; total?: number; hasNext?: boolean };
	[key: string]: unknown;
}

/** One page of a `start`/`limit` list: the list's filters, and where it starts and how long it is. */
async function startLimitPage(ctx: AepContext, list: ListRequest, start: number, pageSize: number): Promise<StartLimitPage> {
	return await aepRequestBody<StartLimitPage>(ctx, {
		method: 'GET',
		path: list.path,
		qs: { ...list.qs, start, limit: pageSize },
		itemIndex: list.itemIndex,
		deadline: list.deadline,
	});
}

/**
 * Lists over `start`/`limit` with `pageInfo`. Once the first page tells the total, the remaining
 * pages are fetched in parallel (10 at once, halved on each 429) and put back in order.
 */
export async function aepListByStartLimit(ctx: AepContext, list: ListRequest): Promise<IDataObject[]> {
	const itemsKey = list.itemsKey ?? 'items';
	// With a filter, the limit counts kept items: full pages are read.
	const pageSize = list.keep ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, list.limit ?? MAX_PAGE_SIZE);
	const fetchPage = async (start: number) => await startLimitPage(ctx, list, start, pageSize);
	const wanted = list.limit ?? Number.POSITIVE_INFINITY;
	const keep = list.keep;
	if (keep && list.limit !== undefined) {
		// A filter with a limit: page after page, stopping as soon as enough items are kept.
		const kept: IDataObject[] = [];
		for (let start = 0, page = 0; ; page++, start += pageSize) {
			if (page >= pagingBounds.maxPages) throw tooManyPages(ctx, list, page);
			const current = await fetchPage(start);
			const items = (current[itemsKey] as IDataObject[] | undefined) ?? [];
			kept.push(...items.filter(keep));
			if (kept.length >= wanted || items.length === 0 || current.pageInfo?.hasNext === false) break;
		}
		return kept.slice(0, wanted);
	}
	const first = await fetchPage(0);
	const results = [...((first[itemsKey] as IDataObject[] | undefined) ?? [])];
	const total = first.pageInfo?.total;
	const done = (items: IDataObject[]) => (keep ? items.filter(keep) : items).slice(0, wanted);
	if (results.length >= wanted || first.pageInfo?.hasNext === false || results.length === 0) {
		return done(results);
	}
	if (typeof total === 'number') {
		const end = Math.min(total, wanted);
		if (Math.ceil(end / pageSize) > pagingBounds.maxPages) throw tooManyPages(ctx, list, pagingBounds.maxPages);
		const starts: number[] = [];
		for (let start = pageSize; start < end; start += pageSize) starts.push(start);
		const pages = await mapWithBackoff(starts, pagesInFlight(), fetchPage, () => throttledAnswers(ctx));
		for (const page of pages) results.push(...((page[itemsKey] as IDataObject[] | undefined) ?? []));
		return done(results);
	}
	// Total unknown: walk page by page while the API says there is more.
	let page = first;
	const seenStarts = new Set<number>([0]);
	for (let pages = 1; page.pageInfo?.hasNext && results.length < wanted; pages++) {
		if (pages >= pagingBounds.maxPages) throw tooManyPages(ctx, list, pages);
		const start = results.length;
		page = await fetchPage(start);
		const items = (page[itemsKey] as IDataObject[] | undefined) ?? [];
		if (items.length === 0) break;
		const answeredStart = page.pageInfo?.start;
		if (typeof answeredStart === 'number' && answeredStart !== start && seenStarts.has(answeredStart)) {
			throw listingError(
				ctx,
				list,
				`Listing ${list.path} stopped: asked for items from ${start}, AEP answered the page starting at ${answeredStart} again`,
				'Run it again; if it happens again, set a Limit to read only the first pages.',
			);
		}
		seenStarts.add(start);
		results.push(...items);
	}
	return done(results);
}

export interface StartLimitScan {
	/** Where to start: a page boundary, 0 or a `next` this scan returned. */
	start: number;
	/** Stop after the batch of pages that brought the kept items to this many. */
	enough: number;
	/** Most pages this scan reads (by default as many as one listing reads); `next` tells where to go on. */
	maxPages?: number;
	/** Reads one page; by default straight from AEP (a dropdown passes one that keeps pages a while). */
	readPage?: (start: number, read: () => Promise<StartLimitPage>) => Promise<StartLimitPage>;
}

/**
 * Part of a `start`/`limit` list, for a searchable dropdown or a lookup that stops early: pages of
 * 100 from `scan.start`, the first alone (it tells the total), then up to 10 at once (halved on
 * 429), until enough items are kept, the list ends or `maxPages` are read. `next` is where the
 * list goes on, if it does.
 */
export async function aepScanByStartLimit(
	ctx: AepContext,
	list: ListRequest & { keep: (item: IDataObject) => boolean },
	scan: StartLimitScan,
): Promise<{ kept: IDataObject[]; next?: number; total?: number }> {
	const itemsKey = list.itemsKey ?? 'items';
	const maxPages = scan.maxPages ?? pagingBounds.maxPages;
	const fromAep = async (start: number) => await startLimitPage(ctx, list, start, MAX_PAGE_SIZE);
	const readPage = async (start: number) =>
		scan.readPage ? await scan.readPage(start, async () => await fromAep(start)) : await fromAep(start);
	const kept: IDataObject[] = [];
	let total: number | undefined;
	let next: number | undefined = scan.start;
	for (let pages = 0; next !== undefined && kept.length < scan.enough && pages < maxPages; ) {
		const starts: number[] = [next];
		const batch = pages === 0 || total === undefined ? 1 : Math.min(pagesInFlight(), maxPages - pages);
		while (starts.length < batch && starts[starts.length - 1] + MAX_PAGE_SIZE < (total ?? 0)) {
			starts.push(starts[starts.length - 1] + MAX_PAGE_SIZE);
		}
		const read = await mapWithBackoff(starts, pagesInFlight(), readPage, () => throttledAnswers(ctx));
		pages += starts.length;
		for (const [index, page] of read.entries()) {
			const items = (page[itemsKey] as IDataObject[] | undefined) ?? [];
			if (typeof page.pageInfo?.total === 'number') total = page.pageInfo.total;
			kept.push(...items.filter(list.keep));
			const more = items.length > 0 && page.pageInfo?.hasNext !== false && (total === undefined || starts[index] + MAX_PAGE_SIZE < total);
			next = more ? starts[index] + MAX_PAGE_SIZE : undefined;
			if (!more) break;
		}
	}
	return { kept, next, total };
}
