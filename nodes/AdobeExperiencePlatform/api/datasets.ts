/** Datasets the Data Lake source can export (Catalog's activation datasets, paged by start and limit). */
import type { IDataObject } from 'n8n-workflow';

import type { AepContext, StartLimitPage } from '../transport';
import { aepListByStartLimit, aepScanByStartLimit, cachedPerExecution } from '../transport';
import { cachedCatalogue } from './catalogueCache';
import { PATHS } from './paths';

const ELIGIBLE = { outputType: 'activationDatasets', outputField: 'datasets' };

export interface DatasetQuery {
	/** Comma-separated dataset properties to ask for. */
	properties?: string;
	/** Undefined: every page. With `keep`, the limit counts kept datasets. */
	limit?: number;
	/** Which datasets to keep; with a limit, paging stops once enough are kept. */
	keep?: (dataset: IDataObject) => boolean;
	itemIndex?: number;
}

export async function listDatasets(ctx: AepContext, query: DatasetQuery): Promise<IDataObject[]> {
	return await aepListByStartLimit(ctx, {
		path: PATHS.eligibleDatasets,
		qs: { ...ELIGIBLE, ...(query.properties ? { properties: query.properties } : {}) },
		limit: query.limit,
		keep: query.keep,
		itemIndex: query.itemIndex,
	});
}

/** Every eligible dataset, every page, once per execution. */
export async function listEligibleDatasets(ctx: AepContext, itemIndex?: number): Promise<IDataObject[]> {
	return await cachedPerExecution(
		ctx,
		'eligibleDatasets',
		async () => await aepListByStartLimit(ctx, { path: PATHS.eligibleDatasets, qs: ELIGIBLE, itemIndex }),
	);
}

/** How long the dataset picker keeps each page it read: scrolling back, reopening or typing again reads nothing. */
export const DATASET_PICKER_TTL_MS = 2 * 60 * 1000;
/** A search goes on reading pages until it has this many matches (or the list ends). */
const SEARCH_MATCHES_WANTED = 50;
/** Pages one search call reads at most (10,000 datasets); the picker's "more" goes on from there. */
const SEARCH_PAGES_PER_CALL = 100;

/**
 * One screen of the dataset picker: without a search, the page at `start` (one request, none when
 * kept); with one, pages from `start` until enough datasets match. `next` is where "more" goes on.
 */
export async function searchEligibleDatasets(
	ctx: AepContext,
	search: { filter?: string; start: number; matches: (dataset: IDataObject) => boolean },
): Promise<{ datasets: IDataObject[]; next?: number }> {
	const searching = (search.filter ?? '').trim() !== '';
	const { kept, next } = await aepScanByStartLimit(
		ctx,
		{ path: PATHS.eligibleDatasets, qs: ELIGIBLE, keep: search.matches },
		{
			start: search.start,
			enough: searching ? SEARCH_MATCHES_WANTED : 1,
			maxPages: searching ? SEARCH_PAGES_PER_CALL : 1,
			readPage: async (start, read) =>
				await cachedCatalogue<StartLimitPage>(ctx, `eligibleDatasets@${start}`, read, {
					ttlMs: DATASET_PICKER_TTL_MS,
					store: 'datasetPages',
				}),
		},
	);
	return { datasets: kept, next };
}

/**
 * The eligible datasets with these IDs, read page after page (10 at once) until all are found:
 * a dataset on the first page costs one request, not the whole list. `total` is how many AEP lists.
 */
export async function findEligibleDatasets(
	ctx: AepContext,
	ids: readonly string[],
	itemIndex?: number,
): Promise<{ found: Map<string, IDataObject>; total?: number }> {
	const wanted = new Set(ids);
	const { kept, total } = await aepScanByStartLimit(
		ctx,
		{ path: PATHS.eligibleDatasets, qs: ELIGIBLE, keep: (dataset) => wanted.has(String(dataset.id)), itemIndex },
		// At most as many pages as one listing reads (50,000 datasets).
		{ start: 0, enough: wanted.size },
	);
	return { found: new Map(kept.map((dataset) => [String(dataset.id), dataset])), total };
}
