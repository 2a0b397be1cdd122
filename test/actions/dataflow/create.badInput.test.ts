/** Dataflow → Create: bad input is refused before any request; the dropdowns. */
import nock from 'nock';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { listSearch, loadOptions } from '../../harness/load-options';
import { expectFlowSpecs } from '../../harness/fixtures';
import { NODE, createNode, SEED_000_PARAMETERS } from './create.helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
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
		// One read for both dropdowns: the flow specs are kept per credential and sandbox.
		expectFlowSpecs(1);
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
