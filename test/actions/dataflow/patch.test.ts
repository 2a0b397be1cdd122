import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { applyJsonPatch } from '../../../sim/json-patch';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { AEP_JSON_HEADERS, assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { loadOptions } from '../../harness/load-options';
import { fixture } from '../../harness/fixtures';

const example = <T = IDataObject>(name: string) => fixture<T>(`seed-examples/${name}`);
function flowOf(name: string): IDataObject {
	return example<{ items: IDataObject[] }>(`openapi-getFlowById.response-200.${name}.json`).items[0];
}

const NODE = 'Patch';

/** The dataflow ID from the incoming item, as a workflow chained after Create Dataflow gives it (the form's default is the list). */
const FROM_INPUT = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

function patchNode(parameters: IDataObject) {
	return chain([{ name: NODE, type: aepOperation('dataflow', 'patch'), parameters: { dataflow: FROM_INPUT, ...parameters } }]);
}

/** GET /flows/{id} answering `{items: [flow]}`, as Flow Service does. */
function expectGetFlow(flow: IDataObject) {
	return flowService().get(`/flows/${String(flow.id)}`).reply(200, { items: [flow] });
}

/** A PATCH that must carry `If-Match: "<etag>"` and JSON; its body is captured for exact comparison. */
function expectPatch(flowId: string, etag: string, bodies: unknown[], reply: [number, unknown?]) {
	return flowService({ ...AEP_JSON_HEADERS, 'if-match': etag })
		.patch(`/flows/${flowId}`, (body: unknown) => {
			bodies.push(body);
			return true;
		})
		.reply(reply[0], reply[1] as nock.Body);
}

function withEtag(flow: IDataObject, etag: string): IDataObject {
	return { ...flow, etag };
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

const NEW_ETAG = '"0400aaaa-0000-0200-0000-62d9c0000000"';

describe('AEP Patch Dataflow: bodies equal the documented examples', () => {
	test('add an audience = OpenAPI Patch_Batch_Flow_Daily_Full_Once_Scheduled; 1 GET + 1 PATCH + 1 GET', async () => {
		freezeDate('2022-07-20T08:00:00Z');
		const before = flowOf('Batch_Flow_Daily_Full_Scheduled');
		const expected = example<IDataObject[]>('openapi-patchFlowById.request.Batch_Flow_Daily_Full_Once_Scheduled.json');
		const after = withEtag(applyJsonPatch(before, expected), NEW_ETAG);
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(before);
		expectPatch(String(before.id), '"04001b6d-0000-0200-0000-62d9a2ec0000"', bodies, [
			200,
			{ id: before.id, etag: NEW_ETAG },
		]);
		expectGetFlow(after);

		const result = await runWorkflow({
			...patchNode({
				dataflow: { __rl: true, mode: 'list', value: before.id },
				operations: {
					addAudience: [
						{
							audienceId: '979558ae-a8ba-4e6e-b6ba-95c0a523b44a',
							audienceName: 'Combined First and Last Name Segment',
							audienceDescription: '',
							fileNameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
							exportMode: 'DAILY_FULL_EXPORT',
							fullExportFrequency: 'ONCE',
							triggerType: 'SCHEDULED',
							startDate: '2022-07-22',
							startTimeUtc: '23:00',
						},
					],
				},
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([expected]);
		const [item] = result.output(NODE);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			id: before.id,
			etag: NEW_ETAG,
			patchStatus: 200,
			attempts: 1,
			operations: expected,
			exportType: 'audiences',
			audiences: [
				expect.objectContaining({ id: '6eeafdd5-e6db-485a-af30-e663c9b26bff' }),
				expect.objectContaining({ id: '979558ae-a8ba-4e6e-b6ba-95c0a523b44a', frequency: 'ONCE' }),
			],
		});
		expect((item.json.dataflow as IDataObject).etag).toBe(NEW_ETAG);
	});

	test('seed 002: a scheduled audience and a profile attribute in one PATCH, 202 without a body accepted', async () => {
		freezeDate('2021-12-01T00:00:00Z');
		const segments = example<IDataObject[]>('002-patch-add-segments.request.json');
		const attribute = example<IDataObject[]>('002-patch-add-profile-attribute.request.json');
		const before = {
			id: '8256cfb4-17e6-432c-a469-6aedafb16cd5',
			name: 'Activate segments to Adobe Campaign',
			// Seed 002's create answer gives the etag without inner quotes.
			etag: '8256cfb4-17e6-432c-a469-6aedafb16cd5',
			...example<IDataObject>('002-dataflow.request.json'),
		};
		before.id = '8256cfb4-17e6-432c-a469-6aedafb16cd5';
		const expected = [segments[1], attribute[0]];
		const after = withEtag(applyJsonPatch(before, expected), '"7400453a-0000-1a00-0000-62b1c7a90000"');
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(before);
		expectPatch(String(before.id), '"8256cfb4-17e6-432c-a469-6aedafb16cd5"', bodies, [202, '']);
		expectGetFlow(after);

		const result = await runWorkflow({
			...patchNode({
				operations: {
					addAudience: [
						{
							audienceId: '{SEGMENT_ID}',
							audienceName: 'Name of the segment that you are activating',
							audienceDescription: 'Description of the segment that you are activating',
							// A legacy batch destination (seed 002): its destination macro is %DESTINATION_NAME%.
							fileNameTemplate: '%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
							exportMode: 'DAILY_FULL_EXPORT',
							fullExportFrequency: 'ONCE',
							triggerType: 'SCHEDULED',
							startDate: '2021-12-20',
							startTimeUtc: '17:00',
						},
					],
					addProfileAttributes: [{ paths: '{PROFILE_ATTRIBUTE}' }],
				},
			}),
			credentials: aepCredentials(),
			input: [{ id: before.id }],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([expected]);
		expect(result.output(NODE)[0].json).toMatchObject({
			id: before.id,
			etag: '"7400453a-0000-1a00-0000-62b1c7a90000"',
			patchStatus: 202,
			profileAttributes: ['{PROFILE_ATTRIBUTE}'],
		});
	});

	test('mandatory keys, deduplication keys and mapping set in one PATCH = the three OpenAPI examples', async () => {
		const before = flowOf('Batch_Flow_Profile_Mapping_And_Identities_V2');
		const expected = [
			...example<IDataObject[]>('openapi-patchFlowById.request.Patch_Mandatory_Fields.json'),
			...example<IDataObject[]>('openapi-patchFlowById.request.Patch_Primary_Fields.json'),
			...example<IDataObject[]>('openapi-patchFlowById.request.Patch_Profile_Mapping.json'),
		];
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(before);
		expectPatch(String(before.id), '"0503aab5-0000-0200-0000-63756cd10000"', bodies, [200, { id: before.id, etag: NEW_ETAG }]);
		expectGetFlow(withEtag(applyJsonPatch(before, expected), NEW_ETAG));

		const result = await runWorkflow({
			...patchNode({
				dataflow: { __rl: true, mode: 'id', value: before.id },
				operations: {
					mandatoryKeys: [{ fields: 'GAID' }],
					deduplicationKeys: [{ identityNamespaces: 'GAID' }],
					mappingSet: [{ mappingId: '7acb0b72008d4ca1982970041834d40e', mappingVersion: 0 }],
				},
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([expected]);
	});

	test('marketing actions = library 004 example (reset /policy, then append each reference)', async () => {
		const before = flowOf('Batch_Flow_Profile_Mapping_And_Identities_V2');
		const expected = example<IDataObject[]>('004-patch-marketing-action.request.json');
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(before);
		expectPatch(String(before.id), '"0503aab5-0000-0200-0000-63756cd10000"', bodies, [
			200,
			example('004-patch.response.json'),
		]);
		expectGetFlow(withEtag(applyJsonPatch(before, expected), NEW_ETAG));

		const result = await runWorkflow({
			...patchNode({
				dataflow: { __rl: true, mode: 'id', value: before.id },
				operations: {
					marketingActions: [
						{ references: '/dulepolicy/marketingActions/custom/6b935bc8-bb9e-451b-a327-0ffddfb91e66/constraints' },
					],
				},
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([expected]);
	});

	test('dataset schedule = OpenAPI Patch_Dataset_Schedule_Params, times picked as n8n date-times', async () => {
		freezeDate('2022-11-01T00:00:00Z');
		const before = flowOf('Batch_Flow_Dataset_Schedule_V2');
		const expected = example<IDataObject[]>('openapi-patchFlowById.request.Update_Dataset_Schedule.json');
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(before);
		expectPatch(String(before.id), '"050315a3-0000-0200-0000-63756c4d0000"', bodies, [200, { id: before.id, etag: NEW_ETAG }]);
		expectGetFlow(withEtag(applyJsonPatch(before, expected), NEW_ETAG));

		const result = await runWorkflow({
			...patchNode({
				dataflow: { __rl: true, mode: 'id', value: before.id },
				operations: {
					datasetSchedule: [
						// The workflow time zone is America/New_York (n8n's default): 19:00 there is 00:00 UTC.
						{ startTime: '2022-11-14T19:00:00', endTime: '2022-11-15T02:31:40Z' },
					],
				},
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([expected]);
		expect(result.output(NODE)[0].json.scheduleParams).toEqual((expected[0] as IDataObject).value);
	});
});

/** Audiences A..D of a seed-002 style flow, in the order given. */
function flowWithAudiences(etag: string, ids: string[]): IDataObject {
	const base = flowOf('Batch_Flow_Daily_Full_Scheduled');
	const transformation = (base.transformations as IDataObject[])[0];
	const params = transformation.params as IDataObject;
	return {
		...base,
		etag,
		transformations: [
			{
				...transformation,
				params: {
					...params,
					segmentSelectors: {
						selectors: ids.map((id) => ({ type: 'PLATFORM_SEGMENT', value: { id, name: `Audience ${id}` } })),
					},
				},
			},
		],
	};
}

function audienceIdsOf(flow: IDataObject): string[] {
	const params = (flow.transformations as IDataObject[])[0].params as IDataObject;
	return ((params.segmentSelectors as IDataObject).selectors as IDataObject[]).map((s) => (s.value as IDataObject).id as string);
}

describe('AEP Patch Dataflow: etags, 412 and index paths', () => {
	const FLOW_ID = 'ca5c6e9a-8559-4a08-97a5-f15b756da600';

	test('412 → re-read → rebuilt against the new order → success; removes exactly the audiences asked for', async () => {
		const first = flowWithAudiences('"e-1"', ['a1', 'a2', 'a3', 'a4']);
		// Meanwhile someone added a5 at the front and moved things around.
		const second = flowWithAudiences('"e-2"', ['a5', 'a4', 'a2', 'a1', 'a3']);
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(first);
		expectPatch(FLOW_ID, '"e-1"', bodies, [412, example('openapi-patchFlowById.response-412.json')]);
		expectGetFlow(second);
		expectPatch(FLOW_ID, '"e-2"', bodies, [200, { id: FLOW_ID, etag: '"e-3"' }]);
		const bodyOf = (n: number) => bodies[n] as IDataObject[];

		flowService()
			.get(`/flows/${FLOW_ID}`)
			.reply(200, () => ({ items: [withEtag(applyJsonPatch(second, bodyOf(1)), '"e-3"')] }));

		const result = await runWorkflow({
			...patchNode({ operations: { removeAudiences: [{ audienceIds: ['a4', 'a1'] }] } }),
			credentials: aepCredentials(),
			input: [{ id: FLOW_ID }],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		const selectors = '/transformations/0/params/segmentSelectors/selectors';
		const selector = (id: string) => ({ type: 'PLATFORM_SEGMENT', value: { id, name: `Audience ${id}` } });
		expect(bodyOf(0)).toEqual([
			{ op: 'remove', path: `${selectors}/3`, value: selector('a4') },
			{ op: 'remove', path: `${selectors}/0`, value: selector('a1') },
		]);
		expect(bodyOf(1)).toEqual([
			{ op: 'remove', path: `${selectors}/3`, value: selector('a1') },
			{ op: 'remove', path: `${selectors}/1`, value: selector('a4') },
		]);
		expect(audienceIdsOf(applyJsonPatch(second, bodyOf(1)))).toEqual(['a5', 'a2', 'a3']);
		expect(result.output(NODE)[0].json).toMatchObject({ etag: '"e-3"', attempts: 2, patchStatus: 200 });
	});

	test('412 on every attempt: a clear NodeApiError after the configured attempts, nothing else sent', async () => {
		const flow = flowWithAudiences('"e-1"', ['a1', 'a2']);
		const bodies: unknown[] = [];
		expectTokenRequest();
		for (let i = 0; i < 2; i++) {
			expectGetFlow(flow);
			expectPatch(FLOW_ID, '"e-1"', bodies, [412, example('openapi-patchFlowById.response-412.json')]);
		}

		const result = await runWorkflow({
			...patchNode({
				operations: { removeAudiences: [{ audienceIds: 'a2' }] },
				options: { maxAttempts: 2 },
			}),
			credentials: aepCredentials(),
			input: [{ id: FLOW_ID }],
		});

		assertAllRequestsMade();
		const error = result.error(NODE)!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			`Dataflow ${FLOW_ID} kept changing while this node updated it: AEP answered 412 (etag mismatch) to 2 attempts, each made against a fresh read`,
		);
		expect(error.httpCode).toBe('412');
		expect(bodies).toHaveLength(2);
	});

	test.each([
		['with escaped quotes', '\\"0400117f-0000-0200-0000-62d9bca50000\\"'],
		['without quotes', '0400117f-0000-0200-0000-62d9bca50000'],
		['doubly quoted', '""0400117f-0000-0200-0000-62d9bca50000""'],
	])('an etag %s is sent quoted exactly once', async (_label, etag) => {
		const flow = flowWithAudiences(etag, ['a1']);
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(flow);
		expectPatch(FLOW_ID, '"0400117f-0000-0200-0000-62d9bca50000"', bodies, [200, { id: FLOW_ID, etag: '"e-2"' }]);
		expectGetFlow(withEtag(flow, '"e-2"'));

		const result = await runWorkflow({
			...patchNode({ operations: { rename: [{ name: 'Renamed' }] } }),
			credentials: aepCredentials(),
			input: [{ id: FLOW_ID }],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([[{ op: 'replace', path: '/name', value: 'Renamed' }]]);
	});

	test('nothing left to change (the attribute is already there, same name): 1 GET, no PATCH', async () => {
		const flow = flowWithAudiences('"e-1"', ['a1']);
		expectTokenRequest();
		expectGetFlow(flow);

		const result = await runWorkflow({
			...patchNode({
				operations: { addProfileAttributes: [{ paths: 'person.name.firstName' }], rename: [{ name: String(flow.name) }] },
			}),
			credentials: aepCredentials(),
			input: [{ id: FLOW_ID }],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(result.output(NODE)[0].json).toMatchObject({ id: FLOW_ID, etag: '"e-1"', operations: [], attempts: 0, patchStatus: null });
	});

	test('removing an audience the dataflow does not have: refused after the read, no PATCH', async () => {
		expectTokenRequest();
		expectGetFlow(flowWithAudiences('"e-1"', ['a1', 'a2']));

		const result = await runWorkflow({
			...patchNode({ operations: { removeAudiences: [{ audienceIds: ['a9'] }] } }),
			credentials: aepCredentials(),
			input: [{ id: FLOW_ID }],
		});

		assertAllRequestsMade();
		const error = result.error(NODE)!;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`Invalid Audience IDs to Remove: "a9". Not in dataflow ${FLOW_ID}. It has: a1, a2.`);
	});

	test('a 500 on PATCH is not retried (the write may have happened)', async () => {
		const flow = flowWithAudiences('"e-1"', ['a1']);
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(flow);
		expectPatch(FLOW_ID, '"e-1"', bodies, [500, { message: 'Internal error' }]);

		const result = await runWorkflow({
			...patchNode({ operations: { rename: [{ description: 'New description' }] } }),
			credentials: aepCredentials(),
			input: [{ id: FLOW_ID }],
		});

		assertAllRequestsMade();
		expect(bodies).toHaveLength(1);
		expect(result.error(NODE)?.message).toBe(`AEP PATCH /flows/${FLOW_ID} failed: Internal error`);
	});
});

describe('AEP Patch Dataflow: enable and disable', () => {
	const FLOW_ID = '7a6e996c-afcc-48ff-ab14-594321147cdd';

	test('disable only: 1 POST action + 1 GET', async () => {
		const flow = flowOf('Batch_Flow_Dataset_Schedule_V2');
		expectTokenRequest();
		flowService().post(`/flows/${FLOW_ID}/action`).query({ op: 'disable' }).reply(200, { id: FLOW_ID, etag: '"e-2"' });
		expectGetFlow({ ...flow, state: 'disabled', etag: '"e-2"' });

		const result = await runWorkflow({
			...patchNode({ dataflow: { __rl: true, mode: 'id', value: FLOW_ID }, state: 'disable' }),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(result.output(NODE)[0].json).toMatchObject({ id: FLOW_ID, state: 'disabled', etag: '"e-2"', stateChanged: true, attempts: 0 });
	});

	test('a change plus Enable on an enabled dataflow: no action request', async () => {
		const flow = flowOf('Batch_Flow_Dataset_Schedule_V2');
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(flow);
		expectPatch(FLOW_ID, '"050315a3-0000-0200-0000-63756c4d0000"', bodies, [200, { id: FLOW_ID, etag: '"e-2"' }]);
		expectGetFlow({ ...flow, name: 'Nightly export', etag: '"e-2"' });

		const result = await runWorkflow({
			...patchNode({
				dataflow: { __rl: true, mode: 'id', value: FLOW_ID },
				operations: { rename: [{ name: 'Nightly export' }] },
				state: 'enable',
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(result.output(NODE)[0].json).toMatchObject({ name: 'Nightly export', stateChanged: false });
	});
});

describe('AEP Patch Dataflow: bad input is refused before any request, naming the field', () => {
	const FLOW_ID = '7a6e996c-afcc-48ff-ab14-594321147cdd';
	const audience = {
		audienceId: '979558ae-a8ba-4e6e-b6ba-95c0a523b44a',
		exportMode: 'DAILY_FULL_EXPORT',
		fullExportFrequency: 'ONCE',
		triggerType: 'SCHEDULED',
		startDate: '2022-07-22',
		startTimeUtc: '23:00',
	};

	test.each([
		[
			'bad interval',
			{ datasetSchedule: [{ frequency: '={{ "every 5 hours" }}' }] },
			'Update Dataset Schedule: Invalid Frequency: "every 5 hours". Allowed: every 3, 6, 9 or 12 hours, daily (also written "24 hours"), or once (a one-time full export).',
		],
		[
			'start time in the past',
			{ datasetSchedule: [{ startTime: '2022-06-30T00:00:00Z' }] },
			'Update Dataset Schedule: Invalid Start Time: "2022-06-30T00:00:00.000Z". The start time is in the past (now is 2022-07-20T08:00:00.000Z). Allowed: now or later.',
		],
		[
			'missing mandatory macro',
			{ addAudience: [{ ...audience, fileNameTemplate: '%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%' }] },
			'Add Audience 1: Invalid File Name Template: "%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%". It lacks the mandatory %DESTINATION% or %DESTINATION_NAME%.',
		],
		[
			'frequency not allowed for the export mode',
			{ addAudience: [{ ...audience, fullExportFrequency: '={{ "EVERY_3_HOURS" }}' }] },
			'Add Audience 1: Invalid Frequency: "EVERY_3_HOURS". Allowed with export mode DAILY_FULL_EXPORT: ONCE, DAILY.',
		],
		[
			'audience start date in the past',
			{ addAudience: [{ ...audience, startDate: '2022-07-19' }] },
			'Add Audience 1: Invalid Start Date: "2022-07-19". The date is in the past. Allowed: today (2022-07-20, UTC) or later.',
		],
		[
			'start time with minutes',
			{ addAudience: [{ ...audience, startTimeUtc: '23:30' }] },
			'Add Audience 1: Invalid Start Time (UTC): "23:30". Allowed: a whole hour in UTC as HH:mm, e.g. 17:00 (Adobe requires the minutes to be 00).',
		],
		[
			'bad folder name template',
			{ datasetSchedule: [{ folderNameTemplate: '%DATASET%/%DATASET_ID%' }] },
			'Update Dataset Schedule: Invalid Folder Name Template: "%DATASET%/%DATASET_ID%". Unknown macro %DATASET%.',
		],
		[
			'malformed JSON Patch',
			{ jsonPatch: [{ operations: '[{"op":"remove"}]' }] },
			'JSON Patch 1: Invalid JSON Patch: {"op":"remove"}. operation 1: "path" must be a JSON pointer such as /name.',
		],
		['no operation at all', {}, 'Invalid Operations: "none". Add at least one operation, or choose Enable or Disable.'],
		[
			'the second audience is named by its position',
			{ addAudience: [audience, { ...audience, fileNameTemplate: '%DESTINATION%_export' }] },
			'Add Audience 2: Invalid File Name Template: "%DESTINATION%_export". It lacks the mandatory %SEGMENT_ID%.',
		],
		[
			'a dataset schedule left on Keep Current says so, as the form does',
			{ datasetSchedule: [{ frequency: '' }] },
			'Update Dataset Schedule: Invalid Frequency: "Keep Current". Every field is empty or Keep Current',
		],
	])('%s', async (_label, operations, message) => {
		freezeDate('2022-07-20T08:00:00Z');
		const token = expectTokenRequest();

		const result = await runWorkflow({
			...patchNode({ dataflow: { __rl: true, mode: 'id', value: FLOW_ID }, operations }),
			credentials: aepCredentials(),
		});

		const error = result.error(NODE)!;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message.startsWith(message)).toBe(true);
		// Not even the token was asked for: nothing was sent.
		expect(token.isDone()).toBe(false);
	});

	test('with Continue On Fail, a bad item yields an error item and the next item is patched', async () => {
		const flow = flowOf('Batch_Flow_Dataset_Schedule_V2');
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(flow);
		expectPatch(FLOW_ID, '"050315a3-0000-0200-0000-63756c4d0000"', bodies, [200, { id: FLOW_ID, etag: '"e-2"' }]);
		expectGetFlow({ ...flow, etag: '"e-2"', scheduleParams: { interval: 6, timeUnit: 'hour', startTime: 1668474000 } });

		const result = await runWorkflow({
			...chain(
				[
					{
						name: NODE,
						type: aepOperation('dataflow', 'patch'),
						parameters: { dataflow: FROM_INPUT, operations: { datasetSchedule: [{ frequency: '={{ $json.frequency }}' }] } },
					},
				],
				'aep-1',
				{ continueOnFail: true },
			),
			credentials: aepCredentials(),
			input: [
				{ id: FLOW_ID, frequency: '5 hours' },
				{ id: FLOW_ID, frequency: 'every 6 hours' },
			],
		});

		assertAllRequestsMade();
		expect(bodies).toEqual([[{ op: 'replace', path: '/scheduleParams', value: { interval: 6, timeUnit: 'hour', startTime: 1668474000 } }]]);
		const items = result.output(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toContain('Invalid Frequency: "5 hours"');
		expect(items[1].json).toMatchObject({ id: FLOW_ID, etag: '"e-2"' });
	});
});

describe('AEP Patch Dataflow: dropdowns (n8n-core LoadOptionsContext)', () => {
	test('audiences and profile attributes to remove come from the chosen dataflow', async () => {
		const flow = flowOf('Batch_Flow_Daily_Full_Scheduled');
		expectTokenRequest();
		expectGetFlow(flow);
		expectGetFlow(flow);
		const request = {
			nodeType: aepOperation('dataflow', 'patch'),
			parameters: { dataflow: { __rl: true, mode: 'list', value: String(flow.id) } },
			credentials: aepCredentials(),
		};

		const audiences = await loadOptions('getDataflowAudienceOptions', request);
		const attributes = await loadOptions('getDataflowProfileAttributeOptions', request);

		assertAllRequestsMade();
		expect(audiences).toEqual([
			{
				name: 'Female profile',
				value: '6eeafdd5-e6db-485a-af30-e663c9b26bff',
				description: '6eeafdd5-e6db-485a-af30-e663c9b26bff · DAILY_FULL_EXPORT · DAILY',
			},
		]);
		expect(attributes.map((o) => o.value)).toEqual([
			'person.name.firstName',
			'person.name.lastName',
			'personalEmail.address',
			'segmentMembership.status',
		]);
	});

	test('no dataflow chosen yet (the default expression): empty lists, no request', async () => {
		const token = expectTokenRequest();
		const options = await loadOptions('getDataflowAudienceOptions', {
			nodeType: aepOperation('dataflow', 'patch'),
			parameters: { dataflow: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			credentials: aepCredentials(),
		});
		expect(options).toEqual([]);
		expect(token.isDone()).toBe(false);
	});
});
