/**
 * Dataflow → Patch: as few requests as the change needs. The etag (and layout) the item carries is
 * used instead of a read; items for the same dataflow become one PATCH; a change that changes
 * nothing sends nothing.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { runWorkflow } from '../../harness/engine';
import { example, NODE, patchNode, expectGetFlow, expectPatch, flowWithAudiences } from './patch.helpers';
import { tomorrowUtc } from '../../harness/clock';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

const FLOW_ID = 'ca5c6e9a-8559-4a08-97a5-f15b756da600';
/** A one-time export must start in the future. */
const TOMORROW = tomorrowUtc();
const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';
const addAudience = (audienceId: string) => ({ audienceId, audienceName: `Audience ${audienceId}`, startDate: TOMORROW, startTimeUtc: '17:00' });
const byExpression = { dataflow: { __rl: true, mode: 'id', value: '={{ $json.id }}' } };

/** What Create Dataflow outputs for a new audience dataflow: its ID and etag, and the layout it sent. */
function createdItem(etag: string): IDataObject {
	const flow = flowWithAudiences(etag, []);
	return { id: FLOW_ID, etag, name: flow.name, created: true, exportType: 'audiences', transformations: flow.transformations, scheduleParams: null };
}

describe('AEP Patch Dataflow: requests', () => {
	test('the etag and layout the item carries (Create Dataflow output): 1 PATCH, no read', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectPatch(FLOW_ID, '"e-1"', bodies, [200, { id: FLOW_ID, etag: '"e-2"' }]);

		const result = await runWorkflow({
			...patchNode({ ...byExpression, operations: { addAudience: [addAudience('a1')] } }),
			credentials: aepCredentials(),
			input: [createdItem('"e-1"')],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([[{ op: 'add', path: `${SELECTORS}/-`, value: expect.objectContaining({ value: expect.objectContaining({ id: 'a1' }) }) }]]);
		expect(result.output(NODE)[0].json).toMatchObject({ id: FLOW_ID, etag: '"e-2"', patchStatus: 200, attempts: 1, changed: true });
	});

	test('a stale etag on the item: AEP answers 412, the flow is read, the patch rebuilt and sent again', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectPatch(FLOW_ID, '"e-1"', bodies, [412, example('openapi-patchFlowById.response-412.json')]);
		expectGetFlow(flowWithAudiences('"e-5"', ['a9']));
		expectPatch(FLOW_ID, '"e-5"', bodies, [200, { id: FLOW_ID, etag: '"e-6"' }]);

		const result = await runWorkflow({
			...patchNode({ ...byExpression, operations: { addAudience: [addAudience('a1')] } }),
			credentials: aepCredentials(),
			input: [createdItem('"e-1"')],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toHaveLength(2);
		expect(result.output(NODE)[0].json).toMatchObject({ etag: '"e-6"', attempts: 2 });
	});

	test('n items adding one audience each to the same dataflow: one read, one PATCH, every item paired', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(flowWithAudiences('"e-1"', ['a0']));
		expectPatch(FLOW_ID, '"e-1"', bodies, [200, { id: FLOW_ID, etag: '"e-2"' }]);

		const result = await runWorkflow({
			...patchNode({ ...byExpression, operations: { addAudience: [{ ...addAudience(''), audienceId: '={{ $json.audience }}' }] } }),
			credentials: aepCredentials(),
			input: ['a1', 'a2', 'a3'].map((audience) => ({ id: FLOW_ID, audience })),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		const added = (bodies[0] as Array<{ path: string; value: { value: { id: string } } }>).map((op) => [op.path, op.value.value.id]);
		expect(added).toEqual([
			[`${SELECTORS}/-`, 'a1'],
			[`${SELECTORS}/-`, 'a2'],
			[`${SELECTORS}/-`, 'a3'],
		]);
		const items = result.output(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => item.json.etag)).toEqual(['"e-2"', '"e-2"', '"e-2"']);
		expect(items[0].json.mergedItems).toBe(3);
	});

	test('a re-run that adds an audience exactly as it already is: nothing is sent', async () => {
		// First run: the selector as the node writes it.
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectPatch(FLOW_ID, '"e-1"', bodies, [200, { id: FLOW_ID, etag: '"e-2"' }]);
		await runWorkflow({
			...patchNode({ ...byExpression, operations: { addAudience: [addAudience('a1')] } }),
			credentials: aepCredentials(),
			input: [createdItem('"e-1"')],
		});
		assertAllRequestsMade();
		const written = (bodies[0] as Array<{ value: IDataObject }>)[0].value;

		resetNock();
		expectTokenRequest();
		const flow = flowWithAudiences('"e-2"', []);
		((flow.transformations as IDataObject[])[0].params as IDataObject).segmentSelectors = { selectors: [written] };
		expectGetFlow(flow);
		const rerun = await runWorkflow({
			...patchNode({ ...byExpression, operations: { addAudience: [addAudience('a1')] } }),
			credentials: aepCredentials(),
			input: [{ id: FLOW_ID }],
		});

		expect(rerun.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(rerun.output(NODE)[0].json).toMatchObject({ id: FLOW_ID, etag: '"e-2"', changed: false, operations: [], patchStatus: null });
	});
});
