/**
 * Audience activations: each segment selector's `exportMode` and `schedule`, checked before any
 * request. Sources: Adobe's "Activate audiences to file-based destinations" tutorial and the
 * destinations API reference (BaseSegmentSelectorValue).
 */
import type { IDataObject } from 'n8n-workflow';

import { parseDay, utcDay } from './dates';
import { inputError } from './inputError';
import { describeTemplateRules, FILE_NAME_TEMPLATE_RULES, templateProblem } from './templates';

export const AUDIENCE_EXPORT_MODES = ['DAILY_FULL_EXPORT', 'FIRST_FULL_THEN_INCREMENTAL'] as const;
export type AudienceExportMode = (typeof AUDIENCE_EXPORT_MODES)[number];

/** Frequencies Adobe allows for each audience export mode ("Connect to batch destinations and activate data using the Flow Service API"; the API reference's BaseSegmentSelectorValue). */
export const AUDIENCE_FREQUENCIES: Record<AudienceExportMode, readonly string[]> = {
	DAILY_FULL_EXPORT: ['ONCE', 'DAILY'],
	FIRST_FULL_THEN_INCREMENTAL: ['DAILY', 'EVERY_3_HOURS', 'EVERY_6_HOURS', 'EVERY_8_HOURS', 'EVERY_12_HOURS'],
};

export const TRIGGER_TYPES = ['AFTER_SEGMENT_EVAL', 'SCHEDULED'] as const;

/**
 * Adobe's default (%DESTINATION%_%SEGMENT_ID%, the destination macro of the current cloud-storage
 * destinations) plus a time stamp, so scheduled exports do not overwrite each other.
 */
export const DEFAULT_FILE_NAME_TEMPLATE = '%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%';

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
 * A segment selector for PATCH `…/segmentSelectors/selectors/-`, as "Connect to batch destinations
 * and activate data using the Flow Service API" and the API reference's examples write it (`filenameTemplate`, lower-case n). Checks mode, frequency, trigger, dates and
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
