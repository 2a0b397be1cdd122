import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { summariseRun } from '../../../nodes/AdobeExperiencePlatform/domain/runs/runSummary';
import { AEP_JSON_HEADERS, assertAllRequestsMade, expectTokenRequest, flowService, GATEWAY, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { OPENAPI_SUCCESS_RUN, runFrom, runningRun } from '../../harness/runs';
import {
	AUDIENCE_A,
	AUDIENCE_B,
	AUDIENCE_FLOW_ID,
	audienceFlow,
	byId,
	DATASET_FLOW_ID,
	DATASET_ID,
	datasetFlow,
	expectGetFlow,
	SOURCE_ID,
} from './dayTwo.fixtures';

const ADHOC = '/data/core/activation/disflowprovider/adhocrun';
const AUDIENCE_ACCEPT = 'application/vnd.adobe.adhoc.activation+json; version=2';
const DATASET_ACCEPT = 'application/vnd.adobe.adhoc.dataset.activation+json; version=1';
const RUN_1 = '88d6da63-dc97-460e-b781-fc795a7386d9';
const RUN_2 = '98d6da63-dc97-460e-b781-fc795a7386d9';
const statusURL = (runId: string) => `https://platform.adobe.io/data/foundation/flowservice/runs/${runId}`;

async function run(parameters: IDataObject, flowId = AUDIENCE_FLOW_ID, continueOnFail = false) {
	return await runWorkflow({
		...chain([{ name: 'Export', type: aepOperation('dataflow', 'exportNow'), parameters: { dataflow: byId(flowId), ...parameters } }], 'aep-1', { continueOnFail }),
		credentials: aepCredentials(),
	});
}

/** One ad hoc call with the version's Accept header and JSON; the bodies are kept for exact comparison. */
function expectAdhoc(accept: string, bodies: unknown[], status: number, reply: object | ((body: IDataObject) => object)) {
	return nock(GATEWAY, { reqheaders: { ...AEP_JSON_HEADERS, accept } })
		.post(ADHOC, (body: unknown) => {
			bodies.push(body);
			return true;
		})
		.reply(status, (_uri, body) => (typeof reply === 'function' ? reply(body as IDataObject) : reply));
}

const orderFor = (body: IDataObject) => ({
	order: ((body.activationInfo as Record<string, string[]>)[AUDIENCE_FLOW_ID] ?? []).map((segment, index) => ({
		segment,
		order: AUDIENCE_FLOW_ID,
		statusURL: statusURL(index === 0 ? RUN_1 : `${RUN_2.slice(0, 34)}${String(index).padStart(2, '0')}`),
	})),
});

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('AEP Dataflow → Export Now: audiences (ad hoc activation v2)', () => {
	test('every audience of the dataflow in one job; one item per run started', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(audienceFlow());
		expectAdhoc(AUDIENCE_ACCEPT, bodies, 200, orderFor);

		const result = await run({});

		assertAllRequestsMade();
		expect(bodies).toEqual([{ activationInfo: { [AUDIENCE_FLOW_ID]: [AUDIENCE_A, AUDIENCE_B] } }]);
		expect(result.output('Export').map((item) => item.json)).toEqual([
			{ flowId: AUDIENCE_FLOW_ID, exportType: 'audiences', exported: AUDIENCE_A, runId: RUN_1, statusURL: statusURL(RUN_1), notReadyRetries: 0 },
			{
				flowId: AUDIENCE_FLOW_ID,
				exportType: 'audiences',
				exported: AUDIENCE_B,
				runId: '98d6da63-dc97-460e-b781-fc795a7386' + '01',
				statusURL: statusURL('98d6da63-dc97-460e-b781-fc795a7386' + '01'),
				notReadyRetries: 0,
			},
		]);
	});

	test('81 audiences go in two jobs: 80, then 1', async () => {
		const ids = Array.from({ length: 81 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
		const bodies: IDataObject[] = [];
		expectTokenRequest();
		expectGetFlow(audienceFlow(ids));
		expectAdhoc(AUDIENCE_ACCEPT, bodies, 200, orderFor);
		expectAdhoc(AUDIENCE_ACCEPT, bodies, 200, orderFor);

		const result = await run({});

		assertAllRequestsMade();
		const sizes = bodies.map((body) => (body.activationInfo as Record<string, string[]>)[AUDIENCE_FLOW_ID]);
		expect(sizes.map((list) => list.length)).toEqual([80, 1]);
		expect([...sizes[0], ...sizes[1]]).toEqual(ids);
		expect(result.output('Export')).toHaveLength(81);
	});

	test('a chosen audience that is not in the dataflow fails after reading it, before any export', async () => {
		const other = '7f04b2a6-5f7e-4e7f-9b3a-6d3c4e2a1b5c';
		expectTokenRequest();
		expectGetFlow(audienceFlow());

		const result = await run({ audiences: { audience: [{ audience: byId(AUDIENCE_B) }, { audience: byId(other) }] } });

		assertAllRequestsMade();
		expect(result.error('Export')?.message).toBe(`Invalid Audiences: ${other} is not part of dataflow ${AUDIENCE_FLOW_ID}`);
	});

	test('Adobe’s "run already going on" refusal becomes a clear message with what to do', async () => {
		expectTokenRequest();
		expectGetFlow(audienceFlow());
		const message = `Run already going on for audience ${AUDIENCE_B} for order ${AUDIENCE_FLOW_ID} with run id ${RUN_1}`;
		expectAdhoc(AUDIENCE_ACCEPT, [], 400, { message });

		const result = await run({ audiences: { audience: [{ audience: { __rl: true, mode: 'list', value: AUDIENCE_B } }] } }, AUDIENCE_FLOW_ID, true);

		assertAllRequestsMade();
		const [item] = result.output('Export');
		expect(item.json.error).toBe(`An export of this audience is already running for this dataflow: AEP answered "${message}"`);
		expect(item.json.description).toMatch(/^Adobe runs one export per audience at a time/);
		expect(item.json.aep).toMatchObject({ status: 400, aepMessage: message });
	});

	test('a redirect from the ad hoc endpoint is not followed: the token and body stay, the export fails saying where it pointed', async () => {
		expectTokenRequest();
		expectGetFlow(audienceFlow([AUDIENCE_A]));
		nock(GATEWAY).post(ADHOC).reply(307, '', { location: 'https://collector.example/adhocrun?key=1' });
		const elsewhere = nock('https://collector.example').post('/adhocrun').query(true).reply(200, {});

		const result = await run({});

		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error('Export')?.name).toBe('NodeApiError');
		expect(result.error('Export')?.message).toContain('https://collector.example/adhocrun');
	});

	test('wait for the runs: checks each run until it finished, and outputs Get Runs’ summary', async () => {
		expectTokenRequest();
		expectGetFlow(audienceFlow([AUDIENCE_A]));
		expectAdhoc(AUDIENCE_ACCEPT, [], 200, orderFor);
		const done = runFrom(OPENAPI_SUCCESS_RUN, { id: RUN_1, flowId: AUDIENCE_FLOW_ID, status: 'success' });
		flowService().get(`/runs/${RUN_1}`).reply(200, { items: [runningRun({ id: RUN_1, flowId: AUDIENCE_FLOW_ID })] });
		flowService().get(`/runs/${RUN_1}`).reply(200, { items: [done] });

		const result = await run({ waitForRuns: true, options: { pollIntervalSeconds: 1, timeoutSeconds: 30 } });

		assertAllRequestsMade();
		expect(result.output('Export').map((item) => item.json)).toEqual([
			{ flowId: AUDIENCE_FLOW_ID, exportType: 'audiences', exported: AUDIENCE_A, ...summariseRun(done), timedOut: false, notReadyRetries: 0 },
		]);
	});
});

describe('AEP Dataflow → Export Now: datasets (dataset ad hoc export)', () => {
	const datasetReply = { destinations: [{ flowId: DATASET_FLOW_ID, datasets: [{ id: DATASET_ID, statusURL: statusURL(RUN_1) }] }] };

	test('the datasets of the source connection; "not ready" is retried with n8n’s sleep within the bound', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(datasetFlow());
		flowService().get(`/sourceConnections/${SOURCE_ID}`).reply(200, { items: [{ id: SOURCE_ID, params: { datasets: [{ dataSetId: DATASET_ID, name: 'Profiles' }] } }] });
		expectAdhoc(DATASET_ACCEPT, bodies, 400, { message: `Following order ID(s) are not ready for dataset export: ${DATASET_FLOW_ID}` });
		expectAdhoc(DATASET_ACCEPT, bodies, 200, datasetReply);

		const result = await run({ options: { notReadySeconds: 10, notReadyIntervalSeconds: 1 } }, DATASET_FLOW_ID);

		assertAllRequestsMade();
		const body = { activationInfo: { destinations: [{ flowId: DATASET_FLOW_ID, datasets: [{ id: DATASET_ID }] }] } };
		expect(bodies).toEqual([body, body]);
		expect(result.output('Export').map((item) => item.json)).toEqual([
			{ flowId: DATASET_FLOW_ID, exportType: 'datasets', exported: DATASET_ID, runId: RUN_1, statusURL: statusURL(RUN_1), notReadyRetries: 1 },
		]);
	});

	test('"not ready" past the bound, and "not enabled for the organization", are clear errors', async () => {
		expectTokenRequest();
		expectGetFlow(datasetFlow(), 2);
		const notReady = `Following order ID(s) are not ready for dataset export: ${DATASET_FLOW_ID}`;
		expectAdhoc(DATASET_ACCEPT, [], 400, { message: notReady });
		const first = await run({ datasetIds: DATASET_ID, options: { notReadySeconds: 0 } }, DATASET_FLOW_ID);
		expect(first.error('Export')?.message).toBe(`The dataflow is not ready for a dataset export yet: AEP answered "${notReady}"`);

		// The token fetched for the first execution is kept for the second.
		const notEnabled = 'Adhoc run can not be executed for Flow spec=269ba276-16fc-47db-92b0-c1049a3c131f';
		expectAdhoc(DATASET_ACCEPT, [], 400, { message: notEnabled });
		const second = await run({ datasetIds: DATASET_ID }, DATASET_FLOW_ID);
		assertAllRequestsMade();
		expect(second.error('Export')?.message).toBe(`Export Now is not enabled for this dataflow’s destination in your organization: AEP answered "${notEnabled}"`);
	});

	test('audiences chosen for a dataset dataflow, and bad dataset IDs, fail clearly', async () => {
		const bad = await run({ datasetIds: 'abc, no way' }, DATASET_FLOW_ID);
		expect(bad.error('Export')?.message).toBe('Invalid Dataset IDs: "abc, no way". Allowed: dataset IDs separated by commas, such as 5ba9452c7bc8e0000061c4ba.');
		expectTokenRequest();
		expectGetFlow(datasetFlow());
		const wrong = await run({ audiences: { audience: [{ audience: byId(AUDIENCE_A) }] } }, DATASET_FLOW_ID);
		assertAllRequestsMade();
		expect(wrong.error('Export')?.message).toBe(`Invalid Audiences: "${AUDIENCE_A}". Allowed: none for a dataset dataflow (use Dataset IDs instead).`);
	});
});
