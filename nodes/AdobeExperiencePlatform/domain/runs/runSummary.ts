/**
 * Dataflow runs: status normalisation and the flat summary both Run → Get Many and the trigger
 * output.
 */
import type { IDataObject } from 'n8n-workflow';

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

export function numberAt(value: unknown): number | null {
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
