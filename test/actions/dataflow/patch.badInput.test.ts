/** Dataflow → Patch: bad input is refused before any request; the dropdowns. */
import nock from 'nock';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { loadOptions } from '../../harness/load-options';
import { flowOf, NODE, patchNode, expectGetFlow, expectPatch, FROM_INPUT } from './patch.helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
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
