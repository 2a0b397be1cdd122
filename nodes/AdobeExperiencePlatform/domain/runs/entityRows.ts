/**
 * The per-audience / per-dataset rows of a run and its skip reasons, from `recordSummary`: AEP
 * reports entities twice, under `sourceSummaries[].entitySummaries` (read, skipped) and under
 * `targetSummaries[].entitySummaries` (written); each ID is `segment:<id>` or `dataset:<id>`.
 */
import type { IDataObject } from 'n8n-workflow';

import { numberAt } from './runSummary';

export interface EntityRow extends IDataObject {
	/** 'audience' for `segment:` entities, 'dataset' for `dataset:`, else AEP's prefix as written. */
	type: string;
	id: string;
	recordsRead: number | null;
	recordsWritten: number | null;
	recordsSkipped: number | null;
	recordsFailed: number | null;
}

export interface SkipReason extends IDataObject {
	code: string | null;
	message: string | null;
	count: number | null;
}

/** Rows kept per run, so one huge activation cannot make an alert item unbounded. */
export const MAX_ENTITY_ROWS = 500;

function objectAt(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function listAt(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.map(objectAt) : [];
}

export function recordSummaryOf(run: IDataObject): IDataObject {
	return objectAt(objectAt(run.metrics).recordSummary);
}

function parseEntityId(raw: string): { type: string; id: string } {
	const colon = raw.indexOf(':');
	if (colon < 0) return { type: 'unknown', id: raw };
	const prefix = raw.slice(0, colon);
	return { type: prefix === 'segment' ? 'audience' : prefix, id: raw.slice(colon + 1) };
}

function add(total: number | null, value: number | null): number | null {
	return value === null ? total : (total ?? 0) + value;
}

/** One row per entity, in the order AEP first lists them; counts AEP did not report are null. */
export function entityRows(run: IDataObject): EntityRow[] {
	const records = recordSummaryOf(run);
	const rows = new Map<string, EntityRow>();
	const rowFor = (rawId: unknown): EntityRow | undefined => {
		if (typeof rawId !== 'string' || rawId === '') return undefined;
		let row = rows.get(rawId);
		if (!row && rows.size < MAX_ENTITY_ROWS) {
			row = { ...parseEntityId(rawId), recordsRead: null, recordsWritten: null, recordsSkipped: null, recordsFailed: null };
			rows.set(rawId, row);
		}
		return row;
	};
	for (const source of listAt(records.sourceSummaries)) {
		for (const entity of listAt(source.entitySummaries)) {
			const row = rowFor(entity.id);
			if (!row) continue;
			row.recordsRead = add(row.recordsRead, numberAt(entity.inputRecordCount));
			row.recordsSkipped = add(row.recordsSkipped, numberAt(entity.skippedRecordCount));
			row.recordsFailed = add(row.recordsFailed, numberAt(entity.failedRecordCount));
		}
	}
	for (const target of listAt(records.targetSummaries)) {
		for (const entity of listAt(target.entitySummaries)) {
			const row = rowFor(entity.id);
			if (!row) continue;
			const written = numberAt(entity.outputRecordCount) ?? numberAt(entity.createdRecordCount);
			row.recordsWritten = add(row.recordsWritten, written);
			row.recordsFailed = add(row.recordsFailed, numberAt(entity.failedRecordCount));
		}
	}
	return [...rows.values()];
}

/** `skippedInfo[{code, message, count}]`, the same reason reported twice counted once per code and message. */
export function skipReasons(run: IDataObject): SkipReason[] {
	const reasons = new Map<string, SkipReason>();
	for (const info of listAt(recordSummaryOf(run).skippedInfo)) {
		const code = typeof info.code === 'string' ? info.code : null;
		const message = typeof info.message === 'string' ? info.message : null;
		if (code === null && message === null) continue;
		const key = `${code}\u0000${message}`;
		const known = reasons.get(key);
		if (known) known.count = add(known.count, numberAt(info.count));
		else reasons.set(key, { code, message, count: numberAt(info.count) });
	}
	return [...reasons.values()];
}

/** Skipped records as a percentage of records read (two decimals), or null when AEP reported neither. */
export function skipRatePercent(run: IDataObject): number | null {
	const records = recordSummaryOf(run);
	const input = numberAt(records.inputRecordCount);
	const skipped = numberAt(records.skippedRecordCount);
	if (input === null || skipped === null || input <= 0) return null;
	return Math.round((skipped / input) * 10_000) / 100;
}
