/** Datasets the Data Lake source can export (Catalog's activation datasets, paged by start and limit). */
import type { IDataObject } from 'n8n-workflow';

import type { AepContext } from '../transport';
import { aepListByStartLimit, cachedPerExecution } from '../transport';
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
