/**
 * One row per audience or dataset a run exported, from `recordSummary.sourceSummaries[]` and
 * `targetSummaries[]` `.entitySummaries[]` (IDs `segment:<id>` or `dataset:<id>`), with the run's
 * skip reasons (`skippedInfo[{code, message, count}]`).
 */
import type { IDataObject } from 'n8n-workflow';

import { numberAt, summariseRun } from './runSummary';

interface EntityCounts {
	read: number | null;
	skipped: number | null;
	written: number | null;
	failed: number | null;
}

function add(a: number | null, b: unknown): number | null {
	const value = numberAt(b);
	if (value === null) return a;
	return (a ?? 0) + value;
}

function entityOf(id: string): { entityType: string; entityId: string } {
	const match = /^([A-Za-z]+):(.+)$/.exec(id);
	if (!match) return { entityType: 'unknown', entityId: id };
	const type = match[1].toLowerCase();
	return { entityType: type === 'segment' ? 'audience' : type, entityId: match[2] };
}

function skipReasons(list: unknown): IDataObject[] {
	return (Array.isArray(list) ? (list as IDataObject[]) : []).map((info) => ({
		code: info.code ?? null,
		message: info.message ?? null,
		count: numberAt(info.count),
	}));
}

export function runEntityRows(run: IDataObject): IDataObject[] {
	const { run: _raw, ...summary } = summariseRun(run);
	const records = ((run.metrics as IDataObject | undefined)?.recordSummary ?? {}) as IDataObject;
	const counts = new Map<string, EntityCounts>();
	const entry = (id: string) => {
		if (!counts.has(id)) counts.set(id, { read: null, skipped: null, written: null, failed: null });
		return counts.get(id)!;
	};
	const summaries = (key: string) => (Array.isArray(records[key]) ? (records[key] as IDataObject[]) : []);
	for (const source of summaries('sourceSummaries')) {
		for (const entity of (source.entitySummaries ?? []) as IDataObject[]) {
			const row = entry(String(entity.id));
			row.read = add(row.read, entity.inputRecordCount);
			row.skipped = add(row.skipped, entity.skippedRecordCount);
		}
	}
	for (const target of summaries('targetSummaries')) {
		for (const entity of (target.entitySummaries ?? []) as IDataObject[]) {
			const row = entry(String(entity.id));
			row.written = add(row.written, entity.outputRecordCount ?? entity.createdRecordCount);
			row.failed = add(row.failed, entity.failedRecordCount);
		}
	}
	const reasons = skipReasons(records.skippedInfo);
	if (counts.size === 0) return [{ ...summary, entityType: null, entityId: null, skipReasons: reasons }];
	return [...counts].map(([id, row]) => ({
		...summary,
		...entityOf(id),
		recordsRead: row.read,
		recordsSkipped: row.skipped,
		recordsWritten: row.written,
		recordsFailed: row.failed,
		skipReasons: reasons,
	}));
}
