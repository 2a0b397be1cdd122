import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, continuationPage, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { BASE_ID, byId, DATASET_FLOW_ID, datasetFlow, expectGetFlow, SOURCE_ID, TARGET_ID } from './dayTwo.fixtures';

const OTHER_FLOW = '41111111-2222-4333-8444-555555555555';
const OTHER_TARGET = '51111111-2222-4333-8444-555555555555';

async function run(parameters: IDataObject, continueOnFail = false) {
	return await runWorkflow({
		...chain([{ name: 'Delete', type: aepOperation('dataflow', 'delete'), parameters: { dataflow: byId(DATASET_FLOW_ID), ...parameters } }], 'aep-1', { continueOnFail }),
		credentials: aepCredentials(),
	});
}

/** Records the order of DELETEs. */
function expectDelete(path: string, order: string[], status = 202) {
	return flowService()
		.delete(path)
		.reply(status, () => {
			order.push(path);
			return '';
		});
}

function usersOf(field: string, id: string, flows: object[]) {
	return flowService()
		.get('/flows')
		.query({ property: `${field}[]==${id}`, orderby: '-createdAt', limit: '100' })
		.reply(200, continuationPage(flows));
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('AEP Dataflow → Delete', () => {
	test('the dataflow only: one DELETE, output {deleted: true, id} (204 accepted as 202 is)', async () => {
		const order: string[] = [];
		expectTokenRequest();
		expectDelete(`/flows/${DATASET_FLOW_ID}`, order, 204);

		const result = await run({});

		assertAllRequestsMade();
		expect(result.output('Delete').map((item) => item.json)).toEqual([{ deleted: true, id: DATASET_FLOW_ID }]);
	});

	test('cascade: dataflow, then target, source, then the unused base connection, in Adobe’s order', async () => {
		const order: string[] = [];
		expectTokenRequest();
		expectGetFlow(datasetFlow());
		usersOf('targetConnectionIds', TARGET_ID, [datasetFlow()]);
		usersOf('sourceConnectionIds', SOURCE_ID, [datasetFlow()]);
		flowService().get(`/targetConnections/${TARGET_ID}`).reply(200, { items: [{ id: TARGET_ID, baseConnectionId: BASE_ID }] });
		flowService()
			.get('/targetConnections')
			.query({ property: `baseConnectionId==${BASE_ID}`, orderby: '-createdAt', limit: '100' })
			.reply(200, continuationPage([{ id: TARGET_ID, baseConnectionId: BASE_ID }]));
		expectDelete(`/flows/${DATASET_FLOW_ID}`, order);
		expectDelete(`/targetConnections/${TARGET_ID}`, order);
		expectDelete(`/sourceConnections/${SOURCE_ID}`, order, 204);
		expectDelete(`/connections/${BASE_ID}`, order, 200);

		const result = await run({ deleteConnections: true, deleteBaseConnections: true });

		assertAllRequestsMade();
		expect(order).toEqual([
			`/flows/${DATASET_FLOW_ID}`,
			`/targetConnections/${TARGET_ID}`,
			`/sourceConnections/${SOURCE_ID}`,
			`/connections/${BASE_ID}`,
		]);
		expect(result.output('Delete').map((item) => item.json)).toEqual([
			{
				deleted: true,
				id: DATASET_FLOW_ID,
				deletedTargetConnections: [TARGET_ID],
				deletedSourceConnections: [SOURCE_ID],
				deletedBaseConnections: [BASE_ID],
				kept: [],
			},
		]);
	});

	test('cascade keeps what another dataflow uses: a shared source, and a base connection behind another used target', async () => {
		const order: string[] = [];
		expectTokenRequest();
		expectGetFlow(datasetFlow());
		usersOf('targetConnectionIds', TARGET_ID, [datasetFlow()]);
		usersOf('sourceConnectionIds', SOURCE_ID, [datasetFlow(), { id: OTHER_FLOW }]);
		flowService().get(`/targetConnections/${TARGET_ID}`).reply(200, { items: [{ id: TARGET_ID, baseConnectionId: BASE_ID }] });
		flowService()
			.get('/targetConnections')
			.query({ property: `baseConnectionId==${BASE_ID}`, orderby: '-createdAt', limit: '100' })
			.reply(200, continuationPage([{ id: OTHER_TARGET }, { id: TARGET_ID }]));
		usersOf('targetConnectionIds', OTHER_TARGET, [{ id: OTHER_FLOW }]);
		expectDelete(`/flows/${DATASET_FLOW_ID}`, order);
		expectDelete(`/targetConnections/${TARGET_ID}`, order);

		const result = await run({ deleteConnections: true, deleteBaseConnections: true });

		assertAllRequestsMade();
		expect(order).toEqual([`/flows/${DATASET_FLOW_ID}`, `/targetConnections/${TARGET_ID}`]);
		expect(result.output('Delete')[0].json).toEqual({
			deleted: true,
			id: DATASET_FLOW_ID,
			deletedTargetConnections: [TARGET_ID],
			deletedSourceConnections: [],
			deletedBaseConnections: [],
			kept: [
				{ id: SOURCE_ID, kind: 'source connection', reason: `also used by dataflow ${OTHER_FLOW}` },
				{ id: BASE_ID, kind: 'base connection', reason: `used by dataflow ${OTHER_FLOW}` },
			],
		});
	});

	test('AEP’s 404 is an API error with its message; Continue On Fail outputs it paired', async () => {
		expectTokenRequest();
		flowService()
			.delete(`/flows/${DATASET_FLOW_ID}`)
			.reply(404, { errorMessage: `Entity with id ${DATASET_FLOW_ID} not found`, errorDetails: 'flows' }, { 'x-request-id': 'req-404' });

		const result = await run({}, true);

		assertAllRequestsMade();
		const [item] = result.output('Delete');
		expect(item.json.error).toBe(`AEP DELETE /flows/${DATASET_FLOW_ID} failed: Entity with id ${DATASET_FLOW_ID} not found`);
		expect(item.json.aep).toMatchObject({ status: 404, requestId: 'req-404' });
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});
