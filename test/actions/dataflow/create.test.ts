import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import {
	assertAllRequestsMade,
	expectNameLookup,
	expectPost,
	expectTokenRequest,
	flowService,
	resetNock,
} from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { listSearch, loadOptions } from '../../harness/load-options';
import { expectFlowSpecs, fillPlaceholders, fixture } from '../../harness/fixtures';

/** Connection IDs are UUIDs (checked before sending): the seeds' placeholders become these. */
const SOURCE_ID = '5e0b3a1c-0000-4000-8000-00000000005c';
const TARGET_ID = '7a9d2b4e-0000-4000-8000-00000000007c';
const FLOW_SPEC_ID = '71471eba-b620-49e4-90fd-23f1fa0174d8';
const example = <T = IDataObject>(name: string) =>
	fillPlaceholders(fixture<T>(`seed-examples/${name}`), {
		'<FROM_STEP_CREATE_SOURCE_CONNECTION>': SOURCE_ID,
		'<FROM_STEP_CREATE_TARGET_CONNECTION>': TARGET_ID,
		'{SOURCE_CONNECTION_ID}': SOURCE_ID,
		'{TARGET_CONNECTION_ID}': TARGET_ID,
		'{FLOW_SPEC_ID}': FLOW_SPEC_ID,
	});

const NODE = 'Dataflow';
const DESTINATION_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';

/** The find-or-create lookup: `GET /flows?property=name==<name>&property=<destination flows>`. */
function expectDataflowNameLookup(name: string, items: IDataObject[] = [], createSucceeds = true) {
	// After a create, "Reuse It" looks again, so that concurrent runs converge on the oldest dataflow.
	if (items.length === 0 && createSucceeds) expectNameLookup('/flows', name, [], [DESTINATION_FILTER]);
	return expectNameLookup('/flows', name, items, [DESTINATION_FILTER]);
}

function createNode(parameters: IDataObject, options: { continueOnFail?: boolean } = {}) {
	return chain([{ name: NODE, type: aepOperation('dataflow', 'create'), parameters }], 'aep-1', options);
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

const DESTINATIONS: Array<[slug: string, connectionSpecId: string]> = [
	['amazon-s3', '4fce964d-3f37-408f-9778-e597338a21ee'],
	['azure-blob', '6d6b59bf-fb58-4107-9064-4d246c0e5bb2'],
	['adls-gen2', 'be2c3209-53bc-47e7-ab25-145db8b873e1'],
	['data-landing-zone', '10440537-2a7b-4583-ac39-ed38d4b848e8'],
	['google-cloud-storage', 'c5d93acb-ea8b-4b14-8f53-02138444ae99'],
	['sftp', '36965a81-b1c6-401b-99f8-22508f1e6a26'],
];

const SEED_000_PARAMETERS = {
	exportType: 'datasets',
	destination: { __rl: true, mode: 'id', value: '={{ $json.destination }}' },
	sourceConnection: { __rl: true, mode: 'id', value: '5e0b3a1c-0000-4000-8000-00000000005c' },
	targetConnection: { __rl: true, mode: 'id', value: '7a9d2b4e-0000-4000-8000-00000000007c' },
	name: '={{ $json.name }}',
	description: '={{ $json.description }}',
	frequency: 'hour:3',
	startTime: '2023-02-09T00:06:50Z',
};

describe('AEP Create Dataflow: datasets', () => {
	test('seed 000 for all six destinations in one run: flow spec chosen from one /flowSpecs read, bodies equal the seed', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		const requests = DESTINATIONS.map(([slug]) => example(`000-dataflow-${slug}.request.json`));
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectFlowSpecs(1);
		for (const [index, [slug]] of DESTINATIONS.entries()) {
			expectDataflowNameLookup(String(requests[index].name));
			expectPost('/flows', example(`000-dataflow-${slug}.response.json`), { bodies });
		}

		const result = await runWorkflow({
			...createNode(SEED_000_PARAMETERS),
			credentials: aepCredentials(),
			input: DESTINATIONS.map(([, destination], index) => ({
				destination,
				name: requests[index].name,
				description: requests[index].description,
			})),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual(requests);
		const items = result.output(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual(DESTINATIONS.map((_, item) => ({ item })));
		expect(items[5].json).toEqual({
			id: 'eb54b3b3-3949-4f12-89c8-64eafaba858f',
			etag: '"0000d781-0000-0200-0000-63e29f420000"',
			name: 'Activate datasets to an SFTP cloud storage destination',
			created: true,
			exportType: 'datasets',
			flowSpec: { id: '354d6aad-4754-46e4-a576-1b384561c440', version: '1.0' },
			flowSpecName: '(Beta) SFTP - Dataset',
			sourceConnectionIds: ['5e0b3a1c-0000-4000-8000-00000000005c'],
			targetConnectionIds: ['7a9d2b4e-0000-4000-8000-00000000007c'],
			scheduleParams: { interval: 3, timeUnit: 'hour', startTime: 1675901210 },
			state: null,
		});
	});

	test('"24 hours", end time, export mode and folder template; defaults read the upstream target connection', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectFlowSpecs(1);
		expectDataflowNameLookup('Daily S3 export');
		const bodies = expectPost('/flows', { id: 'f-1', etag: '"e-1"' });

		const result = await runWorkflow({
			...createNode({
				exportType: 'datasets',
				sourceConnection: { __rl: true, mode: 'id', value: '={{ $json.sourceConnectionId }}' },
				name: 'Daily S3 export',
				frequency: '={{ "24 hours" }}',
				startTime: '2023-02-09T00:00:00Z',
				scheduleOptions: {
					endTime: '2023-12-31T00:00:00Z',
					exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
					folderNameTemplate: '%DESTINATION%/%DATASET_ID%/%DATETIME(YYYYMMdd_HHmmss)%',
				},
			}),
			credentials: aepCredentials(),
			// What AEP Create Target Connection outputs (plus the source connection ID from earlier).
			input: [
				{
					id: '7c000001-0000-4000-8000-000000000001',
					connectionSpec: { id: '4fce964d-3f37-408f-9778-e597338a21ee', version: '1.0' },
					sourceConnectionId: '5c000001-0000-4000-8000-000000000001',
				},
			],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([
			{
				name: 'Daily S3 export',
				flowSpec: { id: '269ba276-16fc-47db-92b0-c1049a3c131f', version: '1.0' },
				sourceConnectionIds: ['5c000001-0000-4000-8000-000000000001'],
				targetConnectionIds: ['7c000001-0000-4000-8000-000000000001'],
				transformations: [],
				scheduleParams: {
					exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
					interval: 1,
					timeUnit: 'day',
					startTime: 1675900800,
					endTime: 1703980800,
					folderNameTemplate: '%DESTINATION%/%DATASET_ID%/%DATETIME(YYYYMMdd_HHmmss)%',
				},
			},
		]);
	});

	test('the default connection IDs resolve: source from the "AEP Create Source Connection" node, target from the item', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectDataflowNameLookup('From defaults');
		const bodies = expectPost('/flows', { id: 'f-3', etag: '"e-3"' });
		const workflow = createNode({ exportType: 'datasets', flowSpec: '269ba276-16fc-47db-92b0-c1049a3c131f', name: 'From defaults' });
		// The harness start node stands in for AEP Create Source Connection (same output shape: `id`).
		workflow.nodes[0].name = 'AEP Create Source Connection';
		workflow.connections = { 'AEP Create Source Connection': workflow.connections.Start };

		const result = await runWorkflow({ ...workflow, credentials: aepCredentials(), input: [{ id: '5c000007-0000-4000-8000-000000000007' }] });

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toMatchObject([{ sourceConnectionIds: ['5c000007-0000-4000-8000-000000000007'], targetConnectionIds: ['5c000007-0000-4000-8000-000000000007'] }]);
	});

	test('one-time full export: DAILY_FULL_EXPORT with day/0; a picked flow spec needs no catalogue read', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectDataflowNameLookup('One-off');
		const bodies = expectPost('/flows', { id: 'f-2', etag: '"e-2"' });

		const result = await runWorkflow({
			...createNode({
				...SEED_000_PARAMETERS,
				destination: { __rl: true, mode: 'list', value: '' },
				flowSpec: '269ba276-16fc-47db-92b0-c1049a3c131f',
				name: 'One-off',
				description: '',
				frequency: 'once',
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect((bodies[0] as IDataObject).scheduleParams).toEqual({
			exportMode: 'DAILY_FULL_EXPORT',
			interval: 0,
			timeUnit: 'day',
			startTime: 1675901210,
		});
	});
});

describe('AEP Create Dataflow: audiences', () => {
	test('seed 002 skeleton (profile selectors) = 002-dataflow.request.json and OpenAPI Create_Batch_Destination_Flow', async () => {
		const seed = example('002-dataflow.request.json');
		expectTokenRequest();
		const bodies = expectPost('/flows', example('002-dataflow.response.json'));

		const result = await runWorkflow({
			...createNode({
				exportType: 'audiences',
				flowSpec: FLOW_SPEC_ID,
				sourceConnection: { __rl: true, mode: 'id', value: '5e0b3a1c-0000-4000-8000-00000000005c' },
				targetConnection: { __rl: true, mode: 'id', value: '7a9d2b4e-0000-4000-8000-00000000007c' },
				name: seed.name,
				description: seed.description,
				ifExists: 'create',
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([seed]);
		const openapi = example('openapi-postFlow.request.Create_Batch_Destination_Flow.json');
		expect((bodies[0] as IDataObject).transformations).toEqual(openapi.transformations);
		// Seed 002's answer carries an etag without inner quotes; it is passed on as given.
		expect(result.output(NODE)[0].json).toMatchObject({
			id: '8256cfb4-17e6-432c-a469-6aedafb16cd5',
			etag: '8256cfb4-17e6-432c-a469-6aedafb16cd5',
			scheduleParams: null,
		});
	});

	test('mapping-set skeleton = OpenAPI Create_Batch_Destination_Flow_Segment_V2', async () => {
		const openapi = example('openapi-postFlow.request.Create_Batch_Destination_Flow_Segment_V2.json');
		expectTokenRequest();
		const bodies = expectPost('/flows', example('openapi-postFlow.response-201.Create_Flow_Response.json'));

		const result = await runWorkflow({
			...createNode({
				exportType: 'audiences',
				flowSpec: FLOW_SPEC_ID,
				sourceConnection: { __rl: true, mode: 'id', value: '5e0b3a1c-0000-4000-8000-00000000005c' },
				targetConnection: { __rl: true, mode: 'id', value: '7a9d2b4e-0000-4000-8000-00000000007c' },
				name: openapi.name,
				description: openapi.description,
				audienceLayout: 'mappingSet',
				ifExists: 'create',
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([openapi]);
	});

	test.each([
		['amazon-s3', '4fce964d-3f37-408f-9778-e597338a21ee', 'none'],
		['azure-blob', '6d6b59bf-fb58-4107-9064-4d246c0e5bb2', 'mappingSet'],
		['sftp', '36965a81-b1c6-401b-99f8-22508f1e6a26', 'none'],
	])('library 004 %s: audience flow spec chosen from the catalogue, body equal', async (slug, destination, layout) => {
		const seed = example(`004-dataflow-${slug}.request.json`);
		expectTokenRequest();
		expectFlowSpecs(1);
		expectDataflowNameLookup(String(seed.name));
		const bodies = expectPost('/flows', example('004-dataflow.response.json'));

		const result = await runWorkflow({
			...createNode({
				exportType: 'audiences',
				destination: { __rl: true, mode: 'list', value: destination },
				sourceConnection: { __rl: true, mode: 'id', value: '5e0b3a1c-0000-4000-8000-00000000005c' },
				targetConnection: { __rl: true, mode: 'id', value: '7a9d2b4e-0000-4000-8000-00000000007c' },
				name: seed.name,
				description: seed.description,
				audienceLayout: layout,
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([seed]);
	});
});

describe('AEP Create Dataflow: find or create by name', () => {
	const existing = {
		id: 'eb54b3b3-3949-4f12-89c8-64eafaba858f',
		name: 'Activate datasets to an SFTP cloud storage destination',
		etag: '"0000d781-0000-0200-0000-63e29f420000"',
		state: 'enabled',
		createdAt: 1675901300000,
		flowSpec: { id: '354d6aad-4754-46e4-a576-1b384561c440', version: '1.0' },
		sourceConnectionIds: ['5e0b3a1c-0000-4000-8000-00000000005c'],
		targetConnectionIds: ['7a9d2b4e-0000-4000-8000-00000000007c'],
		transformations: [],
		scheduleParams: { interval: 6, timeUnit: 'hour', startTime: 1675901210 },
	};
	const input = [
		{
			destination: '36965a81-b1c6-401b-99f8-22508f1e6a26',
			name: existing.name,
			description: 'd',
		},
	];

	test('reuse: the existing dataflow is output, nothing is created', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectFlowSpecs(1);
		expectDataflowNameLookup(existing.name, [existing]);

		const result = await runWorkflow({
			...createNode({ ...SEED_000_PARAMETERS, ifExists: 'reuse' }),
			credentials: aepCredentials(),
			input,
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(result.output(NODE)[0].json).toMatchObject({
			id: existing.id,
			etag: existing.etag,
			created: false,
			state: 'enabled',
			scheduleParams: existing.scheduleParams,
		});
	});

	test('reuse refused when the existing dataflow uses other connections', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectFlowSpecs(1);
		expectDataflowNameLookup(existing.name, [{ ...existing, targetConnectionIds: ['tc-other'] }]);

		const result = await runWorkflow({
			...createNode({ ...SEED_000_PARAMETERS, ifExists: 'reuse' }),
			credentials: aepCredentials(),
			input,
		});

		assertAllRequestsMade();
		expect(result.error(NODE)?.message).toBe(
			`A dataflow named "${existing.name}" already exists (ID ${existing.id}) but cannot be reused: its target connection is tc-other, not 7a9d2b4e-0000-4000-8000-00000000007c`,
		);
	});

	test('fail: names the existing dataflow', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectFlowSpecs(1);
		expectDataflowNameLookup(existing.name, [existing]);

		const result = await runWorkflow({
			...createNode({ ...SEED_000_PARAMETERS, ifExists: 'fail' }),
			credentials: aepCredentials(),
			input,
		});

		assertAllRequestsMade();
		expect(result.error(NODE)?.message).toBe(`A dataflow named "${existing.name}" already exists (ID ${existing.id})`);
	});

	test('a POST that fails with 500 is not retried', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		const bodies = expectPost('/flows', { errorMessage: 'Internal error' }, { status: 500 });

		const result = await runWorkflow({
			...createNode({ ...SEED_000_PARAMETERS, flowSpec: '354d6aad-4754-46e4-a576-1b384561c440', ifExists: 'create' }),
			credentials: aepCredentials(),
			input,
		});

		assertAllRequestsMade();
		expect(bodies).toHaveLength(1);
		expect(result.error(NODE)?.message).toBe('AEP POST /flows failed: Internal error');
	});
});

describe('AEP Create Dataflow: bad input is refused before any request, naming the field', () => {
	test.each([
		['bad interval', { frequency: '={{ 5 }}' }, 'Invalid Frequency: 5. Allowed: every 3, 6, 9 or 12 hours, daily (also written "24 hours"), or once (a one-time full export).'],
		[
			'start time in the past',
			{ startTime: '2023-02-01T00:00:00Z' },
			'Invalid Start Time: "2023-02-01T00:00:00.000Z". The start time is in the past (now is 2023-02-08T00:00:00.000Z). Allowed: now or later.',
		],
		[
			'end before start',
			{ scheduleOptions: { endTime: '2023-02-09T00:00:00Z' } },
			'Invalid End Time: "2023-02-09T00:00:00.000Z". Allowed: a time after the start time (2023-02-09T00:06:50.000Z) and in the future.',
		],
		[
			'recurring full export',
			{ scheduleOptions: { exportMode: 'DAILY_FULL_EXPORT' } },
			'Invalid Export Mode: "DAILY_FULL_EXPORT". Adobe does not support recurring full exports of datasets',
		],
		[
			'unknown folder macro',
			{ scheduleOptions: { folderNameTemplate: '%SEGMENT_NAME%' } },
			'Invalid Folder Name Template: "%SEGMENT_NAME%". Unknown macro %SEGMENT_NAME%.',
		],
		['empty name', { name: '={{ $json.nothing ?? "" }}' }, 'Invalid Name: an empty value. Required: a name for the dataflow.'],
		[
			'missing target connection',
			{ targetConnection: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			'Invalid Target Connection: nothing. Allowed: the target connection ID',
		],
		[
			'name with a comma (cannot be looked up)',
			{ name: 'S3, nightly' },
			'Invalid Name: "S3, nightly". Allowed: a name without commas',
		],
	])('%s', async (_label, change, message) => {
		freezeDate('2023-02-08T00:00:00Z');
		const token = expectTokenRequest();

		const result = await runWorkflow({
			...createNode({ ...SEED_000_PARAMETERS, name: 'n', description: '', ...change }),
			credentials: aepCredentials(),
			input: [{ destination: '36965a81-b1c6-401b-99f8-22508f1e6a26' }],
		});

		const error = result.error(NODE)!;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message.startsWith(message)).toBe(true);
		expect(token.isDone()).toBe(false);
	});

	test('automatic flow spec without a destination: refused naming Destination, before any request', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		const token = expectTokenRequest();

		const result = await runWorkflow({
			...createNode({ ...SEED_000_PARAMETERS, destination: { __rl: true, mode: 'list', value: '' }, name: 'n' }),
			credentials: aepCredentials(),
			input: [{}],
		});

		expect(result.error(NODE)?.message).toBe(
			'Invalid Destination: an empty value. Allowed: a destination picked from the list, or its connection spec ID (a UUID such as 4fce964d-3f37-408f-9778-e597338a21ee).',
		);
		expect(token.isDone()).toBe(false);
	});

	test('a destination no flow spec serves: a clear error after the one catalogue read', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectFlowSpecs(1);

		const result = await runWorkflow({
			...createNode({ ...SEED_000_PARAMETERS, name: 'n' }),
			credentials: aepCredentials(),
			input: [{ destination: '00000000-0000-0000-0000-000000000000' }],
		});

		assertAllRequestsMade();
		expect(result.error(NODE)?.message).toBe(
			'No flow spec takes datasets to destination 00000000-0000-0000-0000-000000000000',
		);
	});
});

describe('AEP Create Dataflow: dropdowns (n8n-core LoadOptionsContext)', () => {
	test('flow specs narrowed to the destination and export type, Automatic first', async () => {
		expectTokenRequest();
		expectFlowSpecs(2);
		const credentials = aepCredentials();
		const adls = { __rl: true, mode: 'list', value: 'be2c3209-53bc-47e7-ab25-145db8b873e1' };

		const audiences = await loadOptions('getFlowSpecOptions', {
			nodeType: aepOperation('dataflow', 'create'),
			parameters: { exportType: 'audiences', destination: adls },
			credentials,
		});
		const datasets = await loadOptions('getFlowSpecOptions', {
			nodeType: aepOperation('dataflow', 'create'),
			parameters: { exportType: 'datasets', destination: adls },
			credentials,
		});

		assertAllRequestsMade();
		expect(audiences).toEqual([
			{ name: 'Automatic', value: '', description: "The destination's only flow spec for this export type" },
			{
				name: '(Beta) Azure Data Lake Gen2 - Segment',
				value: 'db060570-a155-418a-a6d3-b4d97698e5dc',
				description: 'db060570-a155-418a-a6d3-b4d97698e5dc',
			},
		]);
		expect(datasets.map((o) => o.value)).toEqual(['', '17be2013-2549-41ce-96e7-a70363bec293']);
	});

	test('without a destination (its default expression unresolved), every flow spec of the export type', async () => {
		expectTokenRequest();
		expectFlowSpecs(1);

		const options = await loadOptions('getFlowSpecOptions', {
			nodeType: aepOperation('dataflow', 'create'),
			parameters: { exportType: 'datasets', destination: { __rl: true, mode: 'id', value: '={{ $json.connectionSpec?.id }}' } },
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(options.map((o) => o.name)).toEqual([
			'Automatic',
			'(Beta) Amazon S3 - Dataset',
			'(Beta) Azure Blob Storage - Dataset',
			'(Beta) Azure Data Lake Gen2 - Dataset',
			'(Beta) Data Landing Zone - Dataset',
			'(Beta) Google Cloud Storage - Dataset',
			'(Beta) SFTP - Dataset',
		]);
	});

	test('source connections of the export type and target connections of the destination, searchable and paged', async () => {
		expectTokenRequest();
		flowService()
			.get('/sourceConnections')
			.query({ property: 'connectionSpec.id==8a9c3494-9708-43d7-ae3f-cda01e5030e1', limit: '100', orderby: '-createdAt' })
			.reply(200, {
				items: [
					{ id: 'sc-1', name: 'Profile store' },
					{ id: 'sc-2', name: 'Other' },
				],
				_links: { next: { href: '/sourceConnections?continuationToken=next-1&limit=100' } },
			});
		flowService()
			.get('/targetConnections')
			.query({
				property: 'connectionSpec.id==36965a81-b1c6-401b-99f8-22508f1e6a26',
				limit: '100',
				orderby: '-createdAt',
				continuationToken: 'tok-2',
			})
			.reply(200, { items: [{ id: 'tc-9', name: 'SFTP target' }], _links: {} });
		const credentials = aepCredentials();

		const sources = await listSearch(
			'searchSourceConnections',
			{ nodeType: aepOperation('dataflow', 'create'), parameters: { exportType: 'audiences' }, credentials },
			'profile',
		);
		const targets = await listSearch(
			'searchTargetConnections',
			{
				nodeType: aepOperation('dataflow', 'create'),
				parameters: { exportType: 'audiences', destination: { __rl: true, mode: 'id', value: '36965a81-b1c6-401b-99f8-22508f1e6a26' } },
				credentials,
			},
			undefined,
			'tok-2',
		);

		assertAllRequestsMade();
		expect(sources).toEqual({ results: [{ name: 'Profile store', value: 'sc-1' }], paginationToken: 'next-1' });
		expect(targets).toEqual({ results: [{ name: 'SFTP target', value: 'tc-9' }], paginationToken: undefined });
	});
});
