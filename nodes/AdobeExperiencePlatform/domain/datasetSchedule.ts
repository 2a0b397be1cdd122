/**
 * Dataset export schedules (`scheduleParams`: epoch seconds, every 3/6/9/12 hours or daily, or a
 * one-time full export), checked before any request. Sources: Adobe's "Export datasets to cloud
 * storage destinations" tutorial and the destinations API reference (DatasetScheduleParams_V2).
 */
import type { IDataObject } from 'n8n-workflow';

import { inputError } from './inputError';
import { FOLDER_NAME_TEMPLATE_RULES, describeTemplateRules, templateProblem } from './templates';

/** How far in the past a start may lie and still count as "now" (expressions, clock skew). */
export const PAST_GRACE_MS = 10 * 60 * 1000;

export const DATASET_EXPORT_MODES = ['FIRST_FULL_THEN_INCREMENTAL', 'DAILY_FULL_EXPORT'] as const;
export type DatasetExportMode = (typeof DATASET_EXPORT_MODES)[number];

export interface DatasetFrequency {
	timeUnit: 'hour' | 'day';
	interval: number;
}

const DATASET_HOURS = [3, 6, 9, 12];
const FREQUENCY_ALLOWED =
	'Allowed: every 3, 6, 9 or 12 hours, daily (also written "24 hours"), or once (a one-time full export).';

/** The one-time full export: `timeUnit` day with `interval` 0, only with DAILY_FULL_EXPORT. */
export const ONCE: DatasetFrequency = { timeUnit: 'day', interval: 0 };

/**
 * Reads a dataset export frequency as the node's options give it (`hour:3`, `day:1`, `once`) or as
 * people write it ("every 6 hours", 12, "EVERY_12_HOURS", "daily", the tutorials' "24 hours").
 */
export function parseDatasetFrequency(value: unknown, parameter = 'Frequency'): DatasetFrequency {
	const fromHours = (hours: number): DatasetFrequency | undefined => {
		if (hours === 24) return { timeUnit: 'day', interval: 1 };
		return DATASET_HOURS.includes(hours) ? { timeUnit: 'hour', interval: hours } : undefined;
	};
	let result: DatasetFrequency | undefined;
	if (typeof value === 'number') result = fromHours(value);
	else if (typeof value === 'string') {
		const text = value.trim().toLowerCase().replace(/_/g, ' ').replace(/^every\s+/, '').replace(/\s+/g, ' ');
		if (/^(once|one[- ]?time)$/.test(text)) result = ONCE;
		else if (/^(daily|day|1 ?days?|day:1)$/.test(text)) result = { timeUnit: 'day', interval: 1 };
		else {
			const hours = /^(?:hour:)?(\d+) ?(?:h|hrs?|hours?)?$/.exec(text);
			if (hours) result = fromHours(Number(hours[1]));
		}
	}
	if (!result) throw inputError(parameter, value, FREQUENCY_ALLOWED);
	return result;
}

export function isOnce(frequency: DatasetFrequency): boolean {
	return frequency.timeUnit === 'day' && frequency.interval === 0;
}

export interface DatasetScheduleInput {
	frequency: DatasetFrequency;
	/** Epoch ms. */
	startTime: number;
	endTime?: number;
	exportMode?: string;
	folderNameTemplate?: string;
}

/** Checks the export mode against the frequency; returns the mode to send (undefined = Adobe's default). */
export function datasetExportMode(
	exportMode: string | undefined,
	frequency: DatasetFrequency,
): DatasetExportMode | undefined {
	const mode = exportMode?.trim() ? exportMode.trim().toUpperCase() : undefined;
	if (mode !== undefined && !(DATASET_EXPORT_MODES as readonly string[]).includes(mode)) {
		throw inputError('Export Mode', exportMode, `Allowed: ${DATASET_EXPORT_MODES.join(', ')}.`);
	}
	if (isOnce(frequency)) {
		if (mode === 'FIRST_FULL_THEN_INCREMENTAL') {
			throw inputError(
				'Export Mode',
				exportMode,
				'A one-time export (Frequency "Once") is a full export: use DAILY_FULL_EXPORT or leave Export Mode empty.',
			);
		}
		return 'DAILY_FULL_EXPORT';
	}
	if (mode === 'DAILY_FULL_EXPORT') {
		throw inputError(
			'Export Mode',
			exportMode,
			'Adobe does not support recurring full exports of datasets: DAILY_FULL_EXPORT needs Frequency "Once"; recurring exports use FIRST_FULL_THEN_INCREMENTAL.',
		);
	}
	return mode as DatasetExportMode | undefined;
}

export function checkFolderNameTemplate(template: string | undefined): string | undefined {
	if (template === undefined || template.trim() === '') return undefined;
	const problem = templateProblem(template, FOLDER_NAME_TEMPLATE_RULES);
	if (problem) {
		throw inputError('Folder Name Template', template, `${problem} ${describeTemplateRules(FOLDER_NAME_TEMPLATE_RULES)}`);
	}
	return template;
}

/** Rejects a start time that is not a time or lies in the past (beyond a short grace). */
export function checkStartTime(startTime: number, nowMs: number): number {
	if (Number.isNaN(startTime)) {
		throw inputError('Start Time', startTime, 'Allowed: a date and time, e.g. 2025-07-20T10:00:00.');
	}
	if (startTime < nowMs - PAST_GRACE_MS) {
		throw inputError(
			'Start Time',
			new Date(startTime).toISOString(),
			`The start time is in the past (now is ${new Date(nowMs).toISOString()}). Allowed: now or later.`,
		);
	}
	return startTime;
}

/** Rejects an end time that is not after the start or not in the future. */
export function checkEndTime(endTime: number, startTime: number, nowMs: number): number {
	if (Number.isNaN(endTime)) {
		throw inputError('End Time', endTime, 'Allowed: a date and time, e.g. 2025-12-31T10:00:00.');
	}
	if (endTime <= startTime || endTime <= nowMs) {
		throw inputError(
			'End Time',
			new Date(endTime).toISOString(),
			`Allowed: a time after the start time (${new Date(startTime).toISOString()}) and in the future.`,
		);
	}
	return endTime;
}

/** `scheduleParams` for a new dataset dataflow, times in epoch seconds. */
export function buildDatasetSchedule(input: DatasetScheduleInput, nowMs: number): IDataObject {
	const { frequency } = input;
	const startTime = checkStartTime(input.startTime, nowMs);
	const endTime = input.endTime === undefined ? undefined : checkEndTime(input.endTime, startTime, nowMs);
	const exportMode = datasetExportMode(input.exportMode, frequency);
	const folderNameTemplate = checkFolderNameTemplate(input.folderNameTemplate);
	return {
		...(exportMode ? { exportMode } : {}),
		interval: frequency.interval,
		timeUnit: frequency.timeUnit,
		startTime: Math.floor(startTime / 1000),
		...(endTime !== undefined ? { endTime: Math.floor(endTime / 1000) } : {}),
		...(folderNameTemplate ? { folderNameTemplate } : {}),
	};
}

/** Checks a dataset schedule change on its own, before the flow is read. */
export function checkScheduleChange(change: DatasetScheduleChange, nowMs: number): void {
	if (change.startTime !== undefined) checkStartTime(change.startTime, nowMs);
	if (change.endTime !== undefined) {
		checkEndTime(change.endTime, change.startTime ?? Number.NEGATIVE_INFINITY, nowMs);
	}
	const mode = change.exportMode?.trim();
	if (mode && change.frequency) datasetExportMode(mode, change.frequency);
	else if (mode && !(DATASET_EXPORT_MODES as readonly string[]).includes(mode.toUpperCase())) {
		throw inputError('Export Mode', change.exportMode, `Allowed: ${DATASET_EXPORT_MODES.join(', ')}.`);
	}
	checkFolderNameTemplate(change.folderNameTemplate);
}

export interface DatasetScheduleChange {
	frequency?: DatasetFrequency;
	/** Epoch ms. */
	startTime?: number;
	/** Epoch ms. */
	endTime?: number;
	exportMode?: string;
	folderNameTemplate?: string;
}
