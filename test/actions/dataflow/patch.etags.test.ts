/** Dataflow → Patch: etags, 412 and index paths; enable and disable. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { applyJsonPatch } from '../../../sim/json-patch';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { runWorkflow } from '../../harness/engine';
import { example, flowOf, NODE, patchNode, expectGetFlow, expectPatch, flowWithAudiences, audienceIdsOf } from './patch.helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

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

	test('disable only: 1 POST action, its etag output (no read afterwards unless asked)', async () => {
		expectTokenRequest();
		flowService().post(`/flows/${FLOW_ID}/action`).query({ op: 'disable' }).reply(200, { id: FLOW_ID, etag: '"e-2"' });

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
		expect(result.output(NODE)[0].json).toMatchObject({ etag: '"e-2"', operations: [{ op: 'replace', path: '/name', value: 'Nightly export' }], stateChanged: false });
	});
});
