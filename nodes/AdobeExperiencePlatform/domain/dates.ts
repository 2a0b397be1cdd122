/**
 * Dates and times as n8n hands them over (date picker, expressions, epoch numbers), read in the
 * workflow's time zone, and the YYYY-MM-DD days audience schedules use.
 */
import { inputError } from './inputError';

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
