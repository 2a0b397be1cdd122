/** JSON Patch built against the current flow, and raw patches typed by the user. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { applyJsonPatch } from '../../sim/json-patch';
import { buildAudienceSelector } from '../../nodes/AdobeExperiencePlatform/domain/audienceSelector';
import { parseDatasetFrequency } from '../../nodes/AdobeExperiencePlatform/domain/datasetSchedule';
import { buildPatch } from '../../nodes/AdobeExperiencePlatform/domain/patch/buildPatch';
import { checkChanges, emptyChanges } from '../../nodes/AdobeExperiencePlatform/domain/patch/changes';
import { parseRawPatch } from '../../nodes/AdobeExperiencePlatform/domain/patch/rawPatch';
import { NOW, inputErrorOf } from './helpers';

/** An audience dataflow in the layout of "Connect to batch destinations and activate data using the Flow Service API" with audiences A, B, C, D and three profile attributes. */
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
			readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'seed-examples', 'openapi-patchFlowById.request.Add_Profile_Selectors.json'), 'utf8'),
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
