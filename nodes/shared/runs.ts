/**
 * Dataflow runs (`/runs`): status normalisation, the flat summary both the Get Runs node and the
 * run trigger output, and the one way to list runs with filters.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AepContext } from '../AdobeExperiencePlatform/transport';
import { aepListByContinuation, aepRequestBody, mapBounded, PARALLEL_REQUEST_LIMIT } from '../AdobeExperiencePlatform/transport';

/** Adobe's reference for `GET /runs`, named by the seeds. */
export const RUNS_DOCS_URL =
	'https://developer.adobe.com/experience-platform-apis/references/destinations/#tag/Dataflow-runs/operation/getFlowRuns';

/** The filterable start time of a run, epoch milliseconds. */
export const RUN_STARTED_AT_PROPERTY = 'metrics.durationSummary.startedAtUTC';

/** The statuses this package tells apart; AEP's own strings vary in casing between documents. */
export type RunStatus = 'success' | 'failed' | 'partialSuccess' | 'inProgress';

export const RUN_STATUS_OPTIONS: Array<{ name: string; value: RunStatus }> = [
	{ name: 'Failed', value: 'failed' },
	{ name: 'In Progress', value: 'inProgress' },
	{ name: 'Partial Success', value: 'partialSuccess' },
	{ name: 'Success', value: 'success' },
];

/** Keys are AEP's status strings lower-cased without separators. */
const STATUS_BY_KEY: Record<string, RunStatus> = {
	success: 'success',
	failed: 'failed',
	partialsuccess: 'partialSuccess',
	inprogress: 'inProgress',
	processing: 'inProgress',
	waiting: 'inProgress',
	pending: 'inProgress',
	queued: 'inProgress',
};

/** `Success`/`success` → 'success', `partial_success` → 'partialSuccess', `Processing` → 'inProgress';
 * an unknown status is kept as AEP wrote it; no status → null. */
export function normaliseRunStatus(raw: unknown): string | null {
	if (typeof raw !== 'string' || raw.trim() === '') return null;
	return STATUS_BY_KEY[raw.replace(/[\s_-]/g, '').toLowerCase()] ?? raw.trim();
}

function objectAt(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function numberAt(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function metricsOf(run: IDataObject) {
	const metrics = objectAt(run.metrics);
	return {
		duration: objectAt(metrics.durationSummary),
		records: objectAt(metrics.recordSummary),
		size: objectAt(metrics.sizeSummary),
		files: objectAt(metrics.fileSummary),
		status: objectAt(metrics.statusSummary),
	};
}

export function runStatusOf(run: IDataObject): string | null {
	return normaliseRunStatus(metricsOf(run).status.status);
}

export function runStartedAt(run: IDataObject): number | null {
	return numberAt(metricsOf(run).duration.startedAtUTC);
}

function runCompletedAt(run: IDataObject): number | null {
	const duration = metricsOf(run).duration;
	// The examples say completedAtUTC, the destinations schema says stoppedAtUTC.
	return numberAt(duration.completedAtUTC) ?? numberAt(duration.stoppedAtUTC);
}

/** Finished: a known final status, or a status this package does not know on a run that has an end time. */
export function isRunFinished(run: IDataObject): boolean {
	const status = runStatusOf(run);
	if (status === null || status === 'inProgress') return false;
	if (status === 'success' || status === 'failed' || status === 'partialSuccess') return true;
	return runCompletedAt(run) !== null;
}

function runErrors(run: IDataObject): Array<{ code: string | null; message: string | null }> {
	const { status, records } = metricsOf(run);
	const infos = [
		...(Array.isArray(status.errors) ? status.errors : []),
		...(Array.isArray(records.failedInfo) ? records.failedInfo : []),
	].map(objectAt);
	const seen = new Set<string>();
	const errors: Array<{ code: string | null; message: string | null }> = [];
	for (const info of infos) {
		const code = typeof info.code === 'string' ? info.code : null;
		const message = typeof info.message === 'string' ? info.message : null;
		const key = `${code}\u0000${message}`;
		if ((code === null && message === null) || seen.has(key)) continue;
		seen.add(key);
		errors.push({ code, message });
	}
	return errors;
}

function isoTime(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}

/** "1h 2m 3s", for messages. */
export function humanDuration(ms: number | null): string | null {
	if (ms === null || ms < 0) return null;
	const total = Math.round(ms / 1000);
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = total % 60;
	const parts = [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', `${seconds}s`];
	return parts.filter(Boolean).join(' ');
}

/**
 * What a message needs, flat, then the run as AEP gave it under `run`. Counts AEP did not report
 * are null rather than 0. `uiUrl` stays null: none of Adobe's documents this package follows
 * gives the address of a run in the Experience Platform UI.
 */
export function summariseRun(run: IDataObject): IDataObject {
	const { records, size, files, status } = metricsOf(run);
	const startedAt = runStartedAt(run);
	const completedAt = runCompletedAt(run);
	const durationMs = startedAt !== null && completedAt !== null ? completedAt - startedAt : null;
	const errors = runErrors(run);
	return {
		runId: run.id ?? null,
		flowId: run.flowId ?? null,
		status: normaliseRunStatus(status.status),
		rawStatus: typeof status.status === 'string' ? status.status : null,
		finished: isRunFinished(run),
		startedAt: isoTime(startedAt),
		completedAt: isoTime(completedAt),
		durationMs,
		duration: humanDuration(durationMs),
		recordsRead: numberAt(records.inputRecordCount),
		recordsWritten: numberAt(records.outputRecordCount) ?? numberAt(records.createdRecordCount),
		recordsFailed: numberAt(records.failedRecordCount),
		recordsSkipped: numberAt(records.skippedRecordCount),
		bytesRead: numberAt(size.inputBytes),
		bytesWritten: numberAt(size.outputBytes),
		filesRead: numberAt(files.inputFileCount),
		filesWritten: numberAt(files.outputFileCount),
		errorCodes: errors.flatMap((e) => (e.code ? [e.code] : [])),
		errorMessages: errors.flatMap((e) => (e.message ? [e.message] : [])),
		errorSummary: errors.length
			? errors.map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ')
			: null,
		sandboxName: run.sandboxName ?? null,
		uiUrl: null,
		run,
	};
}

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
	/** Client-side filter; the Limit counts kept runs. */
	keep?: (run: IDataObject) => boolean;
	itemIndex?: number;
}

/** The query string of `GET /runs`: repeated `property` filters are ANDed by Flow Service. */
export function runsQueryString(flowIds: string[], startedAfter?: number, startedBefore?: number): IDataObject {
	const property = [`flowId==${flowIds.join(',')}`];
	if (startedAfter !== undefined) property.push(`${RUN_STARTED_AT_PROPERTY}>${startedAfter}`);
	if (startedBefore !== undefined) property.push(`${RUN_STARTED_AT_PROPERTY}<${startedBefore}`);
	return { property, orderby: '-createdAt' };
}

function createdAtOf(run: IDataObject): number {
	return numberAt(run.createdAt) ?? runStartedAt(run) ?? 0;
}

/** Runs of the given dataflows, newest first, over continuation pages (filters repeated on each). */
export async function listRuns(ctx: AepContext, query: RunsQuery): Promise<IDataObject[]> {
	const chunks: string[][] = [];
	for (let i = 0; i < query.flowIds.length; i += FLOW_IDS_PER_RUNS_REQUEST) {
		chunks.push(query.flowIds.slice(i, i + FLOW_IDS_PER_RUNS_REQUEST));
	}
	const lists = await mapBounded(chunks, PARALLEL_REQUEST_LIMIT, async (flowIds) =>
		await aepListByContinuation(ctx, {
			path: '/runs',
			qs: runsQueryString(flowIds, query.startedAfter, query.startedBefore),
			limit: query.limit,
			keep: query.keep,
			itemIndex: query.itemIndex,
		}),
	);
	if (lists.length === 1) return lists[0];
	const runs = lists.flat().sort((a, b) => createdAtOf(b) - createdAtOf(a));
	return query.limit === undefined ? runs : runs.slice(0, query.limit);
}

/** One run by ID; Flow Service answers `{items: [run]}`, a bare run is accepted too. */
export async function getRun(ctx: AepContext, runId: string, itemIndex?: number): Promise<IDataObject> {
	const body = await aepRequestBody<IDataObject & { items?: IDataObject[] }>(ctx, {
		method: 'GET',
		path: `/runs/${encodeURIComponent(runId)}`,
		itemIndex,
	});
	if (!Array.isArray(body.items)) return body;
	if (!body.items[0]) {
		throw new NodeOperationError(ctx.getNode(), `Run ${runId} was not found`, { itemIndex });
	}
	return body.items[0];
}
