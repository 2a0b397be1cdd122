/** Dataset export schedules (scheduleParams), checked before any request. */
import { buildDatasetSchedule, parseDatasetFrequency } from '../../nodes/AdobeExperiencePlatform/domain/datasetSchedule';
import { parseDateTime, parseDay } from '../../nodes/AdobeExperiencePlatform/domain/dates';
import { NOW, inputErrorOf } from './helpers';

describe('dataset schedules', () => {
	test.each([
		['hour:3', { timeUnit: 'hour', interval: 3 }],
		[6, { timeUnit: 'hour', interval: 6 }],
		['every 9 hours', { timeUnit: 'hour', interval: 9 }],
		['EVERY_12_HOURS', { timeUnit: 'hour', interval: 12 }],
		['24 hours', { timeUnit: 'day', interval: 1 }],
		[24, { timeUnit: 'day', interval: 1 }],
		['daily', { timeUnit: 'day', interval: 1 }],
		['day:1', { timeUnit: 'day', interval: 1 }],
		['once', { timeUnit: 'day', interval: 0 }],
	])('frequency %p', (given, expected) => {
		expect(parseDatasetFrequency(given)).toEqual(expected);
	});

	test.each([[5], ['8 hours'], ['weekly'], [''], [48]])('frequency %p is refused naming the field', (given) => {
		const error = inputErrorOf(() => parseDatasetFrequency(given));
		expect(error.parameter).toBe('Frequency');
		expect(error.allowed).toContain('every 3, 6, 9 or 12 hours');
	});

	test('seed 000 schedule: epoch seconds, no export mode unless asked', () => {
		expect(
			buildDatasetSchedule(
				{ frequency: parseDatasetFrequency('hour:3'), startTime: 1675901210 * 1000 },
				Date.parse('2023-02-08T00:00:00Z'),
			),
		).toEqual({ interval: 3, timeUnit: 'hour', startTime: 1675901210 });
	});

	test('one-time export: day/0 with DAILY_FULL_EXPORT; recurring full exports are refused', () => {
		const start = NOW + 3600_000;
		expect(buildDatasetSchedule({ frequency: parseDatasetFrequency('once'), startTime: start }, NOW)).toEqual({
			exportMode: 'DAILY_FULL_EXPORT',
			interval: 0,
			timeUnit: 'day',
			startTime: start / 1000,
		});
		const recurringFull = inputErrorOf(() =>
			buildDatasetSchedule({ frequency: parseDatasetFrequency('daily'), startTime: start, exportMode: 'DAILY_FULL_EXPORT' }, NOW),
		);
		expect(recurringFull.parameter).toBe('Export Mode');
		const onceIncremental = inputErrorOf(() =>
			buildDatasetSchedule(
				{ frequency: parseDatasetFrequency('once'), startTime: start, exportMode: 'FIRST_FULL_THEN_INCREMENTAL' },
				NOW,
			),
		);
		expect(onceIncremental.parameter).toBe('Export Mode');
	});

	test('start in the past, end before start and bad folder templates are refused', () => {
		const hourly = parseDatasetFrequency('hour:6');
		expect(inputErrorOf(() => buildDatasetSchedule({ frequency: hourly, startTime: NOW - 3600_000 }, NOW)).parameter).toBe(
			'Start Time',
		);
		expect(
			inputErrorOf(() => buildDatasetSchedule({ frequency: hourly, startTime: NOW + 7200_000, endTime: NOW + 3600_000 }, NOW))
				.parameter,
		).toBe('End Time');
		expect(
			inputErrorOf(() =>
				buildDatasetSchedule({ frequency: hourly, startTime: NOW, folderNameTemplate: '%DATASET%' }, NOW),
			).parameter,
		).toBe('Folder Name Template');
		// A start of "now" computed a moment ago is still accepted.
		expect(buildDatasetSchedule({ frequency: hourly, startTime: NOW - 60_000 }, NOW).startTime).toBe((NOW - 60_000) / 1000);
	});

	test('date-times: zone-less picker values use the workflow time zone; offsets, epochs and objects are read', () => {
		expect(parseDateTime('2023-02-09T00:06:50', 'UTC')).toBe(1675901210 * 1000);
		expect(parseDateTime('2023-02-09T01:06:50', 'Europe/Berlin')).toBe(1675901210 * 1000);
		expect(parseDateTime('2023-07-09T02:00:00', 'Europe/Berlin')).toBe(Date.parse('2023-07-09T00:00:00Z'));
		expect(parseDateTime('2023-02-09T00:06:50Z', 'America/New_York')).toBe(1675901210 * 1000);
		expect(parseDateTime(1675901210)).toBe(1675901210 * 1000);
		expect(parseDateTime('1675901210000')).toBe(1675901210 * 1000);
		expect(parseDateTime({ toMillis: () => 42 })).toBe(42);
		expect(parseDateTime('')).toBeUndefined();
		expect(parseDateTime('2023-02-30T00:00:00', 'UTC')).toBeNaN();
	});

	test('days', () => {
		expect(parseDay('Start Date', '2021-12-20')).toBe('2021-12-20');
		expect(parseDay('Start Date', '2021-12-20T00:00:00')).toBe('2021-12-20');
		expect(parseDay('Start Date', '2021-12-20T23:30:00-05:00')).toBe('2021-12-21');
		expect(inputErrorOf(() => parseDay('End Date', '2021-13-01')).parameter).toBe('End Date');
	});
});
