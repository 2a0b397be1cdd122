/** Dataflow → Create: audience dataflows; find or create by name. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectPost, expectTokenRequest, resetNock } from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { runWorkflow } from '../../harness/engine';
import { expectFlowSpecs } from '../../harness/fixtures';
import { example, NODE, expectDataflowNameLookup, createNode, SEED_000_PARAMETERS, SOURCE_ID, TARGET_ID, FLOW_SPEC_ID } from './create.helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
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
				sourceConnection: { __rl: true, mode: 'id', value: SOURCE_ID },
				targetConnection: { __rl: true, mode: 'id', value: TARGET_ID },
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
				sourceConnection: { __rl: true, mode: 'id', value: SOURCE_ID },
				targetConnection: { __rl: true, mode: 'id', value: TARGET_ID },
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
				sourceConnection: { __rl: true, mode: 'id', value: SOURCE_ID },
				targetConnection: { __rl: true, mode: 'id', value: TARGET_ID },
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
		sourceConnectionIds: [SOURCE_ID],
		targetConnectionIds: [TARGET_ID],
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

	test('reuse: one with the name but other connections is another dataflow: one is created beside it (look up within the identity)', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectFlowSpecs(1);
		const other = { ...existing, targetConnectionIds: ['tc-other'] };
		expectDataflowNameLookup(existing.name, [other]);
		const bodies = expectPost('/flows', { id: 'f-new', etag: '"e-new"' });
		// The look after the create: the other one is not equal, so the new one stays.
		expectDataflowNameLookup(existing.name, [other, { ...existing, id: 'f-new', createdAt: existing.createdAt + 1 }]);

		const result = await runWorkflow({
			...createNode({ ...SEED_000_PARAMETERS, ifExists: 'reuse' }),
			credentials: aepCredentials(),
			input,
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toHaveLength(1);
		expect(result.output(NODE)[0].json).toMatchObject({ id: 'f-new', created: true, targetConnectionIds: [TARGET_ID] });
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
		expect(result.error(NODE)?.message).toBe(
			'AEP POST /flows failed: Internal error; the dataflow may have been created; run again with "Reuse It" to pick it up instead of creating another',
		);
	});
});
