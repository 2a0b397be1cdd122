/** Pure dataflow logic: etags, template macros, schedules and JSON Patch building. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { applyJsonPatch } from '../sim/json-patch';
import { DataflowInputError } from '../nodes/shared/dataflow/errors';
import { bareEtag, ifMatchHeader } from '../nodes/shared/dataflow/etag';
import { buildPatch, checkChanges, emptyChanges, parseRawPatch } from '../nodes/shared/dataflow/patch';
import {
	buildAudienceSelector,
	buildDatasetSchedule,
	parseDatasetFrequency,
	parseDateTime,
	parseDay,
} from '../nodes/shared/dataflow/schedule';
import {
	FILE_NAME_TEMPLATE_RULES,
	FOLDER_NAME_TEMPLATE_RULES,
	templateProblem,
} from '../nodes/shared/dataflow/templates';

const NOW = Date.parse('2021-12-01T12:00:00Z');

function inputErrorOf(run: () => unknown): DataflowInputError {
	try {
		run();
	} catch (error) {
		if (error instanceof DataflowInputError) return error;
		throw error;
	}
	throw new Error('expected an input error');
}

describe('etags', () => {
	test.each([
		['"0000d781-0000-0200-0000-63e29f420000"'],
		['0000d781-0000-0200-0000-63e29f420000'],
		['\\"0000d781-0000-0200-0000-63e29f420000\\"'],
		['""0000d781-0000-0200-0000-63e29f420000""'],
		[' W/"0000d781-0000-0200-0000-63e29f420000" '],
	])('%s is sent quoted exactly once', (given) => {
		expect(bareEtag(given)).toBe('0000d781-0000-0200-0000-63e29f420000');
		expect(ifMatchHeader(given)).toBe('"0000d781-0000-0200-0000-63e29f420000"');
	});

	test('an empty etag is refused', () => {
		expect(() => ifMatchHeader('""')).toThrow('no etag');
	});
});

describe('template macros', () => {
	test('the documented file name templates pass', () => {
		for (const template of [
			'%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
			'%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%_%TIMESTAMP%_my-export',
			'%DESTINATION_NAME%-%SEGMENT_ID%-%SANDBOX_NAME%-%ORGANIZATION_NAME%',
		]) {
			expect(templateProblem(template, FILE_NAME_TEMPLATE_RULES)).toBeUndefined();
		}
	});

	test.each([
		['%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%', 'lacks the mandatory %DESTINATION_NAME%'],
		['%DESTINATION_NAME%_export', 'lacks the mandatory %SEGMENT_ID%'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT%', 'Unknown macro %SEGMENT%'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME%', '%DATETIME(...)% needs a date format'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(yyyy;MM)%', '%DATETIME(...)% needs a date format'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd)%_%TIMESTAMP%', 'Use only one of %DATETIME% or %TIMESTAMP%'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_50%', 'a % that does not belong to a macro'],
		['%DESTINATION_NAME%/%SEGMENT_ID%', 'Custom text may not contain'],
	])('%s is refused', (template, problem) => {
		expect(templateProblem(template, FILE_NAME_TEMPLATE_RULES)).toContain(problem);
	});

	test('folder templates take the dataset macros and slashes, and no audience macros', () => {
		expect(
			templateProblem('%DESTINATION%/%DATASET_NAME%_%DATASET_ID%/%SANDBOX_NAME%/%EXPORT_TIME%', FOLDER_NAME_TEMPLATE_RULES),
		).toBeUndefined();
		expect(
			templateProblem('%DESTINATION_NAME%_%DATASET_ID%_%DATASET_NAME%_%DATETIME(YYYYMMdd_HHmmss)%', FOLDER_NAME_TEMPLATE_RULES),
		).toBeUndefined();
		expect(templateProblem('%SEGMENT_ID%', FOLDER_NAME_TEMPLATE_RULES)).toContain('Unknown macro %SEGMENT_ID%');
	});
});

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

	test('seed 002 shape with filenameTemplate (lower-case n)', () => {
		expect(buildAudienceSelector(base, NOW)).toEqual({
			type: 'PLATFORM_SEGMENT',
			value: {
				id: base.id,
				name: base.name,
				description: '',
				filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
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

/** A seed-002 style audience dataflow with audiences A, B, C, D and three profile attributes. */
function audienceFlow(ids = ['A', 'B', 'C', 'D']): IDataObject {
	return {
		id: 'flow-1',
		name: 'Flow',
		etag: '"e1"',
		transformations: [
			{
				name: 'GeneralTransform',
				params: {
					profileSelectors: {
						selectors: ['homeAddress.countryCode', 'person.name.firstName', 'personalEmail.address'].map((path) => ({
							type: 'JSON_PATH',
							value: { path },
						})),
					},
					segmentSelectors: {
						selectors: ids.map((id) => ({ type: 'PLATFORM_SEGMENT', value: { id, name: `Audience ${id}` } })),
					},
				},
			},
		],
	};
}

function audienceIds(flow: IDataObject): string[] {
	const params = ((flow.transformations as IDataObject[])[0].params ?? {}) as IDataObject;
	return (((params.segmentSelectors as IDataObject).selectors ?? []) as IDataObject[]).map(
		(s) => (s.value as IDataObject).id as string,
	);
}

describe('JSON Patch against the current flow', () => {
	test('removing several audiences by ID, given out of order, removes exactly those', () => {
		const changes = { ...emptyChanges(), removeAudienceIds: ['D', 'A', 'C'] };
		const operations = buildPatch(audienceFlow(), changes, NOW);
		const selectors = (audienceFlow().transformations as IDataObject[])[0].params as IDataObject;
		const [a, , c, d] = (selectors.segmentSelectors as IDataObject).selectors as IDataObject[];
		// Each remove carries the removed selector as its value, as the spec's PatchFlowItem requires.
		expect(operations).toEqual([
			{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/3', value: d },
			{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/2', value: c },
			{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/0', value: a },
		]);
		expect(audienceIds(applyJsonPatch(audienceFlow(), operations))).toEqual(['B']);
	});

	test("seed 002's trap: ascending indexes would remove the wrong audiences", () => {
		const naive = [
			{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/0' },
			{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/1' },
		];
		expect(audienceIds(applyJsonPatch(audienceFlow(), naive))).toEqual(['B', 'D']);
		const operations = buildPatch(audienceFlow(), { ...emptyChanges(), removeAudienceIds: ['A', 'B'] }, NOW);
		expect(audienceIds(applyJsonPatch(audienceFlow(), operations))).toEqual(['C', 'D']);
	});

	test('removal, update and addition of audiences together index against the flow after the removals', () => {
		const update = buildAudienceSelector(
			{ id: 'D', exportMode: 'DAILY_FULL_EXPORT', frequency: 'DAILY', triggerType: 'SCHEDULED', startDate: '2021-12-20', startTime: '05:00' },
			NOW,
		);
		const added = buildAudienceSelector(
			{ id: 'E', exportMode: 'DAILY_FULL_EXPORT', frequency: 'ONCE', triggerType: 'SCHEDULED', startDate: '2021-12-20', startTime: '05:00' },
			NOW,
		);
		const operations = buildPatch(
			audienceFlow(),
			{ ...emptyChanges(), removeAudienceIds: ['B', 'A'], addAudiences: [update, added] },
			NOW,
		);
		expect(operations.map((o) => `${o.op} ${o.path}`)).toEqual([
			'remove /transformations/0/params/segmentSelectors/selectors/1',
			'remove /transformations/0/params/segmentSelectors/selectors/0',
			'replace /transformations/0/params/segmentSelectors/selectors/1',
			'add /transformations/0/params/segmentSelectors/selectors/-',
		]);
		const after = applyJsonPatch(audienceFlow(), operations);
		expect(audienceIds(after)).toEqual(['C', 'D', 'E']);
	});

	test('the same audience from a re-read flow in another order gets other indexes', () => {
		const operations = buildPatch(audienceFlow(['C', 'X', 'A']), { ...emptyChanges(), removeAudienceIds: ['A', 'C'] }, NOW);
		expect(operations.map((o) => o.path)).toEqual([
			'/transformations/0/params/segmentSelectors/selectors/2',
			'/transformations/0/params/segmentSelectors/selectors/0',
		]);
	});

	test('removing an audience the flow does not have is refused, naming what it has', () => {
		const error = inputErrorOf(() => buildPatch(audienceFlow(), { ...emptyChanges(), removeAudienceIds: ['Z'] }, NOW));
		expect(error.parameter).toBe('Audience IDs to Remove');
		expect(error.allowed).toContain('It has: A, B, C, D');
	});

	test('profile attributes: removals high to low, additions skip what is there (seed 002 shape)', () => {
		const operations = buildPatch(
			audienceFlow(),
			{
				...emptyChanges(),
				removeProfileAttributes: ['homeAddress.countryCode', 'personalEmail.address'],
				addProfileAttributes: ['person.name.firstName', 'person.name.lastName'],
			},
			NOW,
		);
		expect(operations).toEqual([
			{
				op: 'remove',
				path: '/transformations/0/params/profileSelectors/selectors/2',
				value: { type: 'JSON_PATH', value: { path: 'personalEmail.address' } },
			},
			{
				op: 'remove',
				path: '/transformations/0/params/profileSelectors/selectors/0',
				value: { type: 'JSON_PATH', value: { path: 'homeAddress.countryCode' } },
			},
			{
				op: 'add',
				path: '/transformations/0/params/profileSelectors/selectors/-',
				value: { type: 'JSON_PATH', value: { path: 'person.name.lastName' } },
			},
		]);
	});

	test('removing a profile attribute = the remove of OpenAPI Patch_Profile_Selectors (value included)', () => {
		const example = JSON.parse(
			readFileSync(path.join(__dirname, 'fixtures', 'seed-examples', 'openapi-patchFlowById.request.Add_Profile_Selectors.json'), 'utf8'),
		) as IDataObject[];
		const remove = example[2];
		const flow = audienceFlow();
		const params = (flow.transformations as IDataObject[])[0].params as IDataObject;
		(params.profileSelectors as IDataObject).selectors = [remove.value, { type: 'JSON_PATH', value: { path: 'person.name.firstName' } }];
		expect(buildPatch(flow, { ...emptyChanges(), removeProfileAttributes: ['loyalty.points'] }, NOW)).toEqual([remove]);
	});

	test('keys go inside profileSelectors in the seed 002 layout and beside them in the mapping-set layout', () => {
		const changes = {
			...emptyChanges(),
			mandatoryFields: ['person.name.firstName'],
			primaryFields: [{ fieldType: 'ATTRIBUTE', attributePath: 'personalEmail.address' }],
		};
		expect(buildPatch(audienceFlow(), changes, NOW).map((o) => o.path)).toEqual([
			'/transformations/0/params/profileSelectors/mandatoryFields',
			'/transformations/0/params/profileSelectors/primaryFields',
		]);
		const v2 = {
			id: 'flow-2',
			transformations: [
				{ name: 'GeneralTransform', params: { mandatoryFields: [], primaryFields: [], profileMapping: {}, segmentSelectors: { selectors: [] } } },
			],
		};
		expect(buildPatch(v2, changes, NOW).map((o) => o.path)).toEqual([
			'/transformations/0/params/mandatoryFields',
			'/transformations/0/params/primaryFields',
		]);
	});

	test('an audience flow created with transformations: [] (library 004) gets its GeneralTransform in one add', () => {
		const flow = {
			id: 'flow-004',
			transformations: [],
			inheritedAttributes: { sourceConnections: [{ connectionSpec: { id: '8a9c3494-9708-43d7-ae3f-cda01e5030e1' } }] },
		};
		const selector = buildAudienceSelector(
			{ id: 'A', exportMode: 'FIRST_FULL_THEN_INCREMENTAL', frequency: 'EVERY_3_HOURS', startDate: '2021-12-20', startTime: '05:00' },
			NOW,
		);
		const operations = buildPatch(
			flow,
			{ ...emptyChanges(), addAudiences: [selector], mandatoryFields: ['GAID'], mappingSet: { mappingId: 'm1', mappingVersion: 0 } },
			NOW,
		);
		expect(operations).toEqual([
			{
				op: 'add',
				path: '/transformations/0',
				value: {
					name: 'GeneralTransform',
					params: { segmentSelectors: { selectors: [selector] }, mandatoryFields: ['GAID'], profileMapping: { mappingId: 'm1', mappingVersion: 0 } },
				},
			},
		]);
		expect(applyJsonPatch(flow, operations).transformations).toHaveLength(1);
	});

	test('dataset dataflows refuse audience operations; audience dataflows refuse dataset schedules', () => {
		const datasetFlow = { id: 'd', transformations: [], scheduleParams: { interval: 3, timeUnit: 'hour', startTime: 1 } };
		expect(inputErrorOf(() => buildPatch(datasetFlow, { ...emptyChanges(), removeAudienceIds: ['A'] }, NOW)).allowed).toContain(
			'exports datasets',
		);
		expect(
			inputErrorOf(() => buildPatch(audienceFlow(), { ...emptyChanges(), schedule: { frequency: parseDatasetFrequency(3) } }, NOW))
				.allowed,
		).toContain('activates audiences');
	});

	test('schedule update keeps what is not changed and follows a frequency change with the export mode', () => {
		const flow = {
			id: 'd',
			transformations: [],
			scheduleParams: { exportMode: 'FIRST_FULL_THEN_INCREMENTAL', interval: 3, timeUnit: 'hour', startTime: 1638360000, folderNameTemplate: '%DATASET_ID%' },
		};
		expect(buildPatch(flow, { ...emptyChanges(), schedule: { frequency: parseDatasetFrequency('24 hours') } }, NOW)).toEqual([
			{
				op: 'replace',
				path: '/scheduleParams',
				value: { exportMode: 'FIRST_FULL_THEN_INCREMENTAL', interval: 1, timeUnit: 'day', startTime: 1638360000, folderNameTemplate: '%DATASET_ID%' },
			},
		]);
		expect(
			(buildPatch(flow, { ...emptyChanges(), schedule: { frequency: parseDatasetFrequency('once') } }, NOW)[0].value as IDataObject)
				.exportMode,
		).toBe('DAILY_FULL_EXPORT');
	});

	test('within-request contradictions are found before any flow is read', () => {
		const selector = buildAudienceSelector(
			{ id: 'A', exportMode: 'DAILY_FULL_EXPORT', frequency: 'ONCE', triggerType: 'SCHEDULED', startDate: '2021-12-20', startTime: '05:00' },
			NOW,
		);
		expect(inputErrorOf(() => checkChanges({ ...emptyChanges(), addAudiences: [selector], removeAudienceIds: ['A'] })).parameter).toBe(
			'Audience ID',
		);
		expect(inputErrorOf(() => checkChanges({ ...emptyChanges(), addAudiences: [selector, selector] })).allowed).toContain('once');
	});

	test('raw JSON Patch: shape checked, fileNameTemplate sent as filenameTemplate and its macros checked', () => {
		expect(
			parseRawPatch(
				JSON.stringify([
					{
						op: 'replace',
						path: '/transformations/0/params/segmentSelectors/selectors/0/value/fileNameTemplate',
						value: '%DESTINATION_NAME%_%SEGMENT_ID%',
					},
					{ op: 'add', path: '/transformations/0/params/segmentSelectors/selectors/-', value: { type: 'PLATFORM_SEGMENT', value: { id: 'x', fileNameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%' } } },
				]),
			),
		).toEqual([
			{
				op: 'replace',
				path: '/transformations/0/params/segmentSelectors/selectors/0/value/filenameTemplate',
				value: '%DESTINATION_NAME%_%SEGMENT_ID%',
			},
			{ op: 'add', path: '/transformations/0/params/segmentSelectors/selectors/-', value: { type: 'PLATFORM_SEGMENT', value: { id: 'x', filenameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%' } } },
		]);
		expect(inputErrorOf(() => parseRawPatch('[{"op":"add","path":"/x/fileNameTemplate"}]')).allowed).toContain('needs a "value"');
		expect(inputErrorOf(() => parseRawPatch('[{"op":"move","from":"/a","path":"/x"}]')).allowed).toContain(
			'"op" must be one of add, remove, replace',
		);
		// Library 004 writes ADD; the spec's lower case is sent.
		expect(parseRawPatch([{ op: 'ADD', path: '/transformations/0/params/profileMapping', value: { mappingId: 'm', mappingVersion: 0 } }])).toEqual([
			{ op: 'add', path: '/transformations/0/params/profileMapping', value: { mappingId: 'm', mappingVersion: 0 } },
		]);
		expect(inputErrorOf(() => parseRawPatch('[{"op":"remove","path":"x"}]')).allowed).toContain('JSON pointer');
		expect(inputErrorOf(() => parseRawPatch('[{')).parameter).toBe('JSON Patch');
		expect(
			inputErrorOf(() =>
				parseRawPatch([{ op: 'replace', path: '/transformations/0/params/segmentSelectors/selectors/0/value/filenameTemplate', value: '%SEGMENT_ID%' }]),
			).allowed,
		).toContain('%DESTINATION_NAME%');
	});
});
