/**
 * Schedules, checked before any request. Datasets: `scheduleParams` (epoch seconds, every 3/6/9/12
 * hours or daily, or a one-time full export). Audiences: each selector's `exportMode` and `schedule`.
 * Sources: seeds 000 and 002, destinations.openapi.yaml (DatasetScheduleParams_V2, BaseSegmentSelectorValue).
 */
import type { IDataObject } from 'n8n-workflow';

import { inputError } from './errors';
import {
	describeTemplateRules,
	FILE_NAME_TEMPLATE_RULES,
	FOLDER_NAME_TEMPLATE_RULES,
	templateProblem,
} from './templates';

/** How far in the past a start may lie and still count as "now" (expressions, clock skew). */
export const PAST_GRACE_MS = 10 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Dates and times

/** Offset of `timeZone` from UTC at `epochMs`, in ms. */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

function validZone(timeZone: string | undefined): string {
	if (!timeZone) return 'UTC';
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return timeZone;
	} catch {
		return 'UTC';
	}
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * Epoch milliseconds of a date-time as n8n hands it over: the date picker's zone-less
 * `2025-03-01T10:00:00` (read in the workflow's time zone), an ISO string with an offset, a Date or
 * Luxon DateTime from an expression, or epoch seconds / milliseconds. Undefined when empty.
 */
export function parseDateTime(value: unknown, timeZone?: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? Number.NaN : value.getTime();
	if (typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return (value as { toMillis: () => number }).toMillis();
	}
	if (typeof value === 'number') return value > 1e11 ? value : value * 1000;
	if (typeof value !== 'string') return Number.NaN;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return parseDateTime(Number(text));
	const local = LOCAL_DATE_TIME.exec(text);
	if (local) {
		const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = local;
		const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms.padEnd(3, '0'));
		const check = new Date(wall);
		if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) {
			return Number.NaN;
		}
		const zone = validZone(timeZone);
		let epoch = wall - zoneOffsetMs(wall, zone);
		const corrected = wall - zoneOffsetMs(epoch, zone);
		if (corrected !== epoch) epoch = corrected;
		return epoch;
	}
	return Date.parse(text);
}

/** A UTC calendar day as YYYY-MM-DD. */
export function utcDay(epochMs: number): string {
	return new Date(epochMs).toISOString().slice(0, 10);
}

/** Reads YYYY-MM-DD (or the date of an ISO date-time); undefined when empty. */
export function parseDay(parameter: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let text: string | undefined;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) text = trimmed;
		else if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
			const ms = Date.parse(trimmed);
			if (!Number.isNaN(ms)) text = utcDay(ms);
		} else if (/^\d{4}-\d{2}-\d{2}[T ]/.test(trimmed)) text = trimmed.slice(0, 10);
	} else {
		const ms = parseDateTime(value);
		if (ms !== undefined && !Number.isNaN(ms)) text = utcDay(ms);
	}
	if (text) {
		const date = new Date(`${text}T00:00:00Z`);
		if (!Number.isNaN(date.getTime()) && utcDay(date.getTime()) === text) return text;
	}
	throw inputError(parameter, value, 'Allowed: a date as YYYY-MM-DD, e.g. 2025-07-20.');
}

// ---------------------------------------------------------------------------------------------
// Dataset exports

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

// ---------------------------------------------------------------------------------------------
// Audience activations

export const AUDIENCE_EXPORT_MODES = ['DAILY_FULL_EXPORT', 'FIRST_FULL_THEN_INCREMENTAL'] as const;
export type AudienceExportMode = (typeof AUDIENCE_EXPORT_MODES)[number];

/** Frequencies Adobe allows for each audience export mode (seed 002, BaseSegmentSelectorValue). */
export const AUDIENCE_FREQUENCIES: Record<AudienceExportMode, readonly string[]> = {
	DAILY_FULL_EXPORT: ['ONCE', 'DAILY'],
	FIRST_FULL_THEN_INCREMENTAL: ['DAILY', 'EVERY_3_HOURS', 'EVERY_6_HOURS', 'EVERY_8_HOURS', 'EVERY_12_HOURS'],
};

export const TRIGGER_TYPES = ['AFTER_SEGMENT_EVAL', 'SCHEDULED'] as const;

export const DEFAULT_FILE_NAME_TEMPLATE = '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%';

export interface AudienceInput {
	id: string;
	name?: string;
	description?: string;
	fileNameTemplate?: string;
	exportMode: string;
	frequency: string;
	triggerType?: string;
	startDate?: unknown;
	endDate?: unknown;
	/** HH:mm in UTC. */
	startTime?: string;
}

function oneOf<T extends string>(parameter: string, value: unknown, allowed: readonly T[]): T {
	const text = typeof value === 'string' ? value.trim().toUpperCase() : value;
	if (typeof text !== 'string' || !(allowed as readonly string[]).includes(text)) {
		throw inputError(parameter, value, `Allowed: ${allowed.join(', ')}.`);
	}
	return text as T;
}

function parseUtcHour(value: string): string {
	const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
	const hours = match ? Number(match[1]) : Number.NaN;
	if (!match || hours > 23 || match[2] !== '00') {
		throw inputError(
			'Start Time (UTC)',
			value,
			'Allowed: a whole hour in UTC as HH:mm, e.g. 17:00 (Adobe requires the minutes to be 00).',
		);
	}
	return `${String(hours).padStart(2, '0')}:00`;
}

/**
 * A segment selector for PATCH `…/segmentSelectors/selectors/-`, as seed 002 and the OpenAPI
 * examples write it (`filenameTemplate`, lower-case n). Checks mode, frequency, trigger, dates and
 * the file name template first.
 */
export function buildAudienceSelector(input: AudienceInput, nowMs: number): IDataObject {
	const id = input.id?.trim();
	if (!id) throw inputError('Audience ID', input.id, 'Allowed: the ID of an audience (segment definition).');
	const template = input.fileNameTemplate?.trim() ? input.fileNameTemplate.trim() : DEFAULT_FILE_NAME_TEMPLATE;
	const templateIssue = templateProblem(template, FILE_NAME_TEMPLATE_RULES);
	if (templateIssue) {
		throw inputError('File Name Template', template, `${templateIssue} ${describeTemplateRules(FILE_NAME_TEMPLATE_RULES)}`);
	}
	const exportMode = oneOf('Export Mode', input.exportMode, AUDIENCE_EXPORT_MODES);
	const allowedFrequencies = AUDIENCE_FREQUENCIES[exportMode];
	const frequency = typeof input.frequency === 'string' ? input.frequency.trim().toUpperCase() : input.frequency;
	if (typeof frequency !== 'string' || !allowedFrequencies.includes(frequency)) {
		throw inputError(
			'Frequency',
			input.frequency,
			`Allowed with export mode ${exportMode}: ${allowedFrequencies.join(', ')}.`,
		);
	}
	const triggerType = oneOf('Trigger Type', input.triggerType || 'SCHEDULED', TRIGGER_TYPES);
	if (triggerType === 'AFTER_SEGMENT_EVAL' && exportMode !== 'DAILY_FULL_EXPORT') {
		throw inputError(
			'Trigger Type',
			triggerType,
			'AFTER_SEGMENT_EVAL applies to full exports only (export mode DAILY_FULL_EXPORT); incremental exports are SCHEDULED.',
		);
	}

	const today = utcDay(nowMs);
	const startDate = parseDay('Start Date', input.startDate) ?? today;
	if (startDate < today) {
		throw inputError('Start Date', startDate, `The date is in the past. Allowed: today (${today}, UTC) or later.`);
	}
	const endDate = parseDay('End Date', input.endDate);
	const once = exportMode === 'DAILY_FULL_EXPORT' && frequency === 'ONCE';
	if (endDate !== undefined) {
		if (once) {
			throw inputError('End Date', endDate, 'Leave it empty: a one-time export (DAILY_FULL_EXPORT, ONCE) has no end date.');
		}
		if (endDate < startDate) {
			throw inputError('End Date', endDate, `Allowed: the start date (${startDate}) or later.`);
		}
	}

	const startTimeText = input.startTime?.trim() ?? '';
	let startTime: string | undefined;
	if (triggerType === 'AFTER_SEGMENT_EVAL') {
		if (startTimeText) {
			throw inputError(
				'Start Time (UTC)',
				startTimeText,
				'Leave it empty: with trigger AFTER_SEGMENT_EVAL the export runs when segmentation finishes.',
			);
		}
	} else {
		if (!startTimeText) {
			throw inputError('Start Time (UTC)', startTimeText, 'Required with trigger SCHEDULED: a whole hour in UTC as HH:mm, e.g. 17:00.');
		}
		startTime = parseUtcHour(startTimeText);
		if (once && Date.parse(`${startDate}T${startTime}:00Z`) < nowMs) {
			throw inputError(
				'Start Time (UTC)',
				`${startDate} ${startTime}`,
				`A one-time export must be scheduled in the future (now is ${new Date(nowMs).toISOString()}).`,
			);
		}
	}

	const value: IDataObject = { id };
	if (input.name?.trim()) value.name = input.name.trim();
	value.description = input.description ?? '';
	value.filenameTemplate = template;
	value.exportMode = exportMode;
	value.schedule = {
		frequency,
		triggerType,
		startDate,
		...(endDate !== undefined ? { endDate } : {}),
		...(startTime !== undefined ? { startTime } : {}),
	};
	return { type: 'PLATFORM_SEGMENT', value };
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
