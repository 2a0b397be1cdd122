/** The filters of `GET /runs`, and the order several lists of runs are merged in. */
import type { IDataObject } from 'n8n-workflow';

import { numberAt, RUN_STARTED_AT_PROPERTY, runStartedAt } from './runSummary';

/** The filterable status of a run (Flow Service "sort and filter": `metrics.statusSummary.status==Failed`). */
export const RUN_STATUS_PROPERTY = 'metrics.statusSummary.status';

/**
 * The spellings AEP's documents use for each status this package tells apart: a server-side
 * filter sends them all (commas are OR), since the API does not say whether it ignores case.
 */
export const STATUS_SPELLINGS: Record<string, string[]> = {
	success: ['success', 'Success'],
	failed: ['failed', 'Failed'],
	partialSuccess: ['partialSuccess', 'PartialSuccess', 'partial_success'],
	inProgress: ['inProgress', 'InProgress', 'Processing', 'processing', 'Waiting', 'waiting', 'pending', 'queued'],
};

/** Flow IDs per `/runs` request: commas in one `property` value are OR, and URLs have a length limit. */
export const FLOW_IDS_PER_RUNS_REQUEST = 20;

export interface RunsQuery {
	flowIds: string[];
	/** Only runs started strictly after this time (ms). */
	startedAfter?: number;
	/** Only runs started strictly before this time (ms). */
	startedBefore?: number;
	/** Undefined: every matching run. */
	limit?: number;
	/** Statuses AEP filters on (`metrics.statusSummary.status==a,b`), each as AEP's documents spell it. */
	statuses?: string[];
	/** Client-side filter; the Limit counts kept runs. */
	keep?: (run: IDataObject) => boolean;
	itemIndex?: number;
}

/** The query string of `GET /runs`: repeated `property` filters are ANDed by Flow Service. */
export function runsQueryString(
	flowIds: string[],
	startedAfter?: number,
	startedBefore?: number,
	statuses?: string[],
): IDataObject {
	const property = [`flowId==${flowIds.join(',')}`];
	if (startedAfter !== undefined) property.push(`${RUN_STARTED_AT_PROPERTY}>${startedAfter}`);
	if (startedBefore !== undefined) property.push(`${RUN_STARTED_AT_PROPERTY}<${startedBefore}`);
	if (statuses?.length) property.push(`${RUN_STATUS_PROPERTY}==${statuses.join(',')}`);
	return { property, orderby: '-createdAt' };
}

export function createdAtOf(run: IDataObject): number {
	return numberAt(run.createdAt) ?? runStartedAt(run) ?? 0;
}
