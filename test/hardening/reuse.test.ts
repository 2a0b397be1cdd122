/**
 * "Reuse It" under concurrency, through the real engine with Create Dataflow: after a create the
 * node looks again; an older equal dataflow wins (createdAt, then id) and the one just made is
 * deleted, so concurrent runs converge on one.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectNameLookup, expectTokenRequest, flowService, resetNock } from '../harness/aep';
import { freezeDate } from '../harness/clock';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { aepOperation } from '../harness/nodes';

const NODE = 'Dataflow';
const SOURCE_ID = '5e0b3a1c-0000-4000-8000-00000000005c';
const TARGET_ID = '7a9d2b4e-0000-4000-8000-00000000007c';
const FLOW_SPEC = '269ba276-16fc-47db-92b0-c1049a3c131f';
const DESTINATION_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';
const NAME = 'Nightly export';

const PARAMETERS = {
	exportType: 'datasets',
	destination: { __rl: true, mode: 'list', value: '' },
	flowSpec: FLOW_SPEC,
	sourceConnection: { __rl: true, mode: 'id', value: SOURCE_ID },
	targetConnection: { __rl: true, mode: 'id', value: TARGET_ID },
	name: NAME,
	frequency: 'once',
	startTime: '2023-02-09T00:06:50Z',
	ifExists: 'reuse',
};

/** A dataflow as GET /flows lists it, equal to what the node asks for unless overridden. */
function flow(id: string, createdAt: number, extra: IDataObject = {}): IDataObject {
	return {
		id,
		name: NAME,
		createdAt,
		etag: `"${id}"`,
		flowSpec: { id: FLOW_SPEC, version: '1.0' },
		sourceConnectionIds: [SOURCE_ID],
		targetConnectionIds: [TARGET_ID],
		...extra,
	};
}

function workflow() {
	return chain([{ name: NODE, type: aepOperation('dataflow', 'create'), parameters: PARAMETERS }]);
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(() => {
	resetNock();
	freezeDate('2023-02-08T00:00:00Z');
});
afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

test('an older equal dataflow appears after the create: the new one is deleted and the older one is output', async () => {
	expectTokenRequest();
	expectNameLookup('/flows', NAME, [], [DESTINATION_FILTER]);
	flowService().post('/flows').reply(201, { id: 'f-new', etag: '"e-new"' });
	expectNameLookup('/flows', NAME, [flow('f-new', 200), flow('f-old', 100)], [DESTINATION_FILTER]);
	flowService().delete('/flows/f-new').reply(204);

	const result = await runWorkflow({ ...workflow(), credentials: aepCredentials() });

	assertAllRequestsMade();
	expect(result.output(NODE)[0].json).toMatchObject({ id: 'f-old', etag: '"f-old"', created: false });
});

test('the one just made is the oldest: kept, nothing deleted', async () => {
	expectTokenRequest();
	expectNameLookup('/flows', NAME, [], [DESTINATION_FILTER]);
	flowService().post('/flows').reply(201, { id: 'f-new', etag: '"e-new"' });
	expectNameLookup('/flows', NAME, [flow('f-later', 300), flow('f-new', 200)], [DESTINATION_FILTER]);

	const result = await runWorkflow({ ...workflow(), credentials: aepCredentials() });

	assertAllRequestsMade();
	expect(result.output(NODE)[0].json).toMatchObject({ id: 'f-new', created: true });
});

test('an older dataflow with the name but other connections is neither used nor a reason to delete', async () => {
	expectTokenRequest();
	expectNameLookup('/flows', NAME, [], [DESTINATION_FILTER]);
	flowService().post('/flows').reply(201, { id: 'f-new', etag: '"e-new"' });
	expectNameLookup('/flows', NAME, [flow('f-other', 1, { targetConnectionIds: ['7c000000-0000-4000-8000-000000000000'] })], [DESTINATION_FILTER]);

	const result = await runWorkflow({ ...workflow(), credentials: aepCredentials() });

	assertAllRequestsMade();
	expect(result.output(NODE)[0].json).toMatchObject({ id: 'f-new', created: true });
});

test('"Reuse It" picks the oldest equal dataflow (createdAt, then id), so a stray duplicate never takes over', async () => {
	expectTokenRequest();
	expectNameLookup('/flows', NAME, [flow('f-c', 300), flow('f-b', 100), flow('f-a', 100), flow('f-x', 50, { flowSpec: { id: 'other' } })], [DESTINATION_FILTER]);

	const result = await runWorkflow({ ...workflow(), credentials: aepCredentials() });

	assertAllRequestsMade();
	expect(result.output(NODE)[0].json).toMatchObject({ id: 'f-a', created: false });
});

test('twenty concurrent executions converge on one dataflow', async () => {
	// A store behind nock: lookups list it, POST adds (later createdAt each time), DELETE removes.
	const store = new Map<string, IDataObject>();
	let clock = 1000;
	let created = 0;
	expectTokenRequest();
	flowService()
		.get('/flows')
		.query(true)
		.times(40)
		.reply(200, () => ({ items: [...store.values()], _links: {} }));
	flowService()
		.post('/flows')
		.times(20)
		.reply(201, () => {
			const id = `f-${++created}`;
			store.set(id, flow(id, clock++));
			return { id, etag: `"${id}"` };
		});
	flowService()
		.delete(/\/flows\/f-\d+$/)
		.times(20)
		.reply((path) => {
			store.delete(path.split('/').pop()!);
			return [204];
		});
	const credentials = aepCredentials();

	const results = await Promise.all(
		Array.from({ length: 20 }, async () => await runWorkflow({ ...workflow(), credentials })),
	);

	const outputIds = results.map((result) => result.output(NODE)[0].json.id);
	expect(created).toBeGreaterThan(1); // the race happened: several runs created one
	expect(results.every((result) => result.error(NODE) === undefined)).toBe(true);
	expect(store.size).toBe(1);
	expect(new Set(outputIds)).toEqual(new Set([...store.keys()]));
});

test('a create answered 201 without an ID is an error that says the dataflow may exist, never an empty result', async () => {
	expectTokenRequest();
	expectNameLookup('/flows', NAME, [], [DESTINATION_FILTER]);
	flowService().post('/flows').once().reply(201, {});

	const result = await runWorkflow({ ...workflow(), credentials: aepCredentials() });

	assertAllRequestsMade();
	expect(result.error(NODE)!.message).toBe(
		'AEP answered POST /flows with HTTP 201 but the answer could not be read (it held no ID); the dataflow may have been created; run again with "Reuse It" to pick it up instead of creating another',
	);
});

test('the look after the create fails: the dataflow just made is output, not lost behind an error', async () => {
	expectTokenRequest();
	expectNameLookup('/flows', NAME, [], [DESTINATION_FILTER]);
	flowService().post('/flows').reply(201, { id: 'f-new', etag: '"e-new"' });
	flowService().get('/flows').query(true).times(5).reply(503, { message: 'Service unavailable' });

	const result = await runWorkflow({ ...workflow(), credentials: aepCredentials() });

	assertAllRequestsMade();
	expect(result.output(NODE)[0].json).toMatchObject({ id: 'f-new', created: true });
});
