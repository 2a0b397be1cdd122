/** Dataflow → Patch: bodies equal the documented examples. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { applyJsonPatch } from '../../../sim/json-patch';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { runWorkflow } from '../../harness/engine';
import { example, flowOf, NODE, patchNode, expectGetFlow, expectPatch, withEtag, NEW_ETAG } from './patch.helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

describe('AEP Patch Dataflow: bodies equal the documented examples', () => {
	test('add an audience = OpenAPI Patch_Batch_Flow_Daily_Full_Once_Scheduled; 1 GET + 1 PATCH + 1 GET when the dataflow is asked for', async () => {
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
				options: { readAfter: true },
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

		// A 202 carries no etag: the user asks for the dataflow afterwards to get it.
		const result = await runWorkflow({
			...patchNode({
				options: { readAfter: true },
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
		// No read afterwards (not asked for): the output is what the PATCH answered and what it applied.
		expect(result.output(NODE)[0].json).toEqual({
			id: before.id,
			etag: NEW_ETAG,
			changed: true,
			operations: expected,
			patchStatus: 200,
			attempts: 1,
			stateChanged: false,
		});
	});
});
