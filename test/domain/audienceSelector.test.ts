/** Audience segment selectors and their schedules. */
import type { IDataObject } from 'n8n-workflow';

import { buildAudienceSelector } from '../../nodes/AdobeExperiencePlatform/domain/audienceSelector';
import { NOW, inputErrorOf } from './helpers';

describe('audience selectors', () => {
	const base = {
		id: '9f7d37fd-7039-4454-94ef-2b0cd6c3206a',
		name: 'Interested in Mountain Biking',
		description: '',
		exportMode: 'DAILY_FULL_EXPORT',
		frequency: 'ONCE',
		triggerType: 'SCHEDULED',
		startDate: '2021-12-20',
		startTime: '17:00',
	};

	test('seed 002 shape with filenameTemplate (lower-case n); the default names the destination as current destinations do', () => {
		expect(buildAudienceSelector(base, NOW)).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: {
				id: base.id,
				name: base.name,
				description: '',
				filenameTemplate: '%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
				exportMode: 'DAILY_FULL_EXPORT',
				schedule: { frequency: 'ONCE', triggerType: 'SCHEDULED', startDate: '2021-12-20', startTime: '17:00' },
			},
		});
	});

	test.each([
		[{ exportMode: 'DAILY_FULL_EXPORT', frequency: 'EVERY_3_HOURS' }, 'Frequency', 'ONCE, DAILY'],
		[{ exportMode: 'FIRST_FULL_THEN_INCREMENTAL', frequency: 'ONCE' }, 'Frequency', 'EVERY_8_HOURS'],
		[{ exportMode: 'WEEKLY' }, 'Export Mode', 'DAILY_FULL_EXPORT'],
		[{ triggerType: 'NIGHTLY' }, 'Trigger Type', 'AFTER_SEGMENT_EVAL, SCHEDULED'],
		[{ exportMode: 'FIRST_FULL_THEN_INCREMENTAL', frequency: 'DAILY', triggerType: 'AFTER_SEGMENT_EVAL' }, 'Trigger Type', 'full exports only'],
		[{ fileNameTemplate: '%SEGMENT_ID%_%TIMESTAMP%' }, 'File Name Template', '%DESTINATION_NAME%'],
		[{ fileNameTemplate: '%DESTINATION_NAME%_%TIMESTAMP%' }, 'File Name Template', 'lacks the mandatory %SEGMENT_ID%'],
		[{ startDate: '2021-11-30' }, 'Start Date', 'in the past'],
		[{ startDate: '20/12/2021' }, 'Start Date', 'YYYY-MM-DD'],
		[{ endDate: '2021-12-31' }, 'End Date', 'no end date'],
		[{ exportMode: 'FIRST_FULL_THEN_INCREMENTAL', frequency: 'DAILY', endDate: '2021-12-19' }, 'End Date', 'start date'],
		[{ startTime: '17:30' }, 'Start Time (UTC)', 'minutes to be 00'],
		[{ startTime: '25:00' }, 'Start Time (UTC)', 'HH:mm'],
		[{ startTime: '' }, 'Start Time (UTC)', 'Required with trigger SCHEDULED'],
		[{ triggerType: 'AFTER_SEGMENT_EVAL' }, 'Start Time (UTC)', 'Leave it empty'],
		[{ startDate: '2021-12-01', startTime: '11:00' }, 'Start Time (UTC)', 'in the future'],
		[{ id: ' ' }, 'Audience ID', 'ID of an audience'],
	])('%p is refused naming %s', (change, parameter, allowed) => {
		const error = inputErrorOf(() => buildAudienceSelector({ ...base, ...change }, NOW));
		expect(error.parameter).toBe(parameter);
		expect(error.allowed).toContain(allowed);
	});

	test('incremental with end date and after-segment trigger for full daily exports', () => {
		expect(
			buildAudienceSelector(
				{ ...base, exportMode: 'FIRST_FULL_THEN_INCREMENTAL', frequency: 'every_6_hours', endDate: '2021-12-31' },
				NOW,
			).value,
		).toMatchObject({ schedule: { frequency: 'EVERY_6_HOURS', endDate: '2021-12-31', startTime: '17:00', triggerType: 'SCHEDULED' } });
		expect(
			(buildAudienceSelector({ ...base, frequency: 'DAILY', triggerType: 'AFTER_SEGMENT_EVAL', startTime: '' }, NOW).value as IDataObject)
				.schedule,
		).toEqual({ frequency: 'DAILY', triggerType: 'AFTER_SEGMENT_EVAL', startDate: '2021-12-20' });
	});
});
