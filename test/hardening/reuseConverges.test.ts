/**
 * "Reuse It" converges where the fault suite found it did not: a Data Lake source connection is
 * found again although AEP gave it a base connection of its own; a create whose outcome is unknown
 * looks again and keeps the oldest equal record; a dataflow with the name but other connections is
 * another thing, so one is created beside it (issue 12's rule), not refused.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectNameLookup, expectTokenRequest, flowService, resetNock } from '../harness/aep';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { aepOperation } from '../harness/nodes';

const DATA_LAKE = '23598e46-f560-407b-88d5-ea6207e49db0';
const DATASET = '5ef3e3259ad2a1191ab7dd7d';
const SOURCE_NAME = 'Export of Loyalty Members';
const NODE = 'Source';

const SOURCE_PARAMETERS = {
	exportType: 'datasets',
	name: SOURCE_NAME,
	datasetSource: 'input',
	datasetId: DATASET,
	datasetName: 'Loyalty Members',
	grouping: 'each',
	ifExists: 'reuse',
};

/** A Data Lake source connection as AEP lists it: with the base connection AEP made for it. */
function dataLakeSource(id: string, createdAt: number, datasetId = DATASET): IDataObject {
	return {
		id,
		name: SOURCE_NAME,
		createdAt,
		etag: `"${id}"`,
		baseConnectionId: `b0000000-0000-4000-8000-${id.padStart(12, '0').slice(-12)}`,
		connectionSpec: { id: DATA_LAKE, version: '1.0' },
		params: { datasets: [{ dataSetId: datasetId, name: 'Loyalty Members' }] },
	};
}

function sourceWorkflow() {
	return chain([{ name: NODE, type: aepOperation('sourceConnection', 'create'), parameters: SOURCE_PARAMETERS }]);
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(() => resetNock());
afterEach(() => nock.cleanAll());

test('a Data Lake source connection with the same datasets is reused although AEP gave it its own base connection', async () => {
	expectTokenRequest();
	expectNameLookup('/sourceConnections', SOURCE_NAME, [dataLakeSource('s-1', 100)]);

	const result = await runWorkflow({ ...sourceWorkflow(), credentials: aepCredentials() });

	assertAllRequestsMade();
	expect(result.output(NODE)[0].json).toMatchObject({ id: 's-1', created: false, exportType: 'datasets' });
});

test('a Data Lake source connection with other datasets is another thing: a new one is created', async () => {
	expectTokenRequest();
	expectNameLookup('/sourceConnections', SOURCE_NAME, [dataLakeSource('s-1', 100, '5ef3e328582424191b1beb44')]);
	flowService().post('/sourceConnections').reply(201, { id: 's-2', etag: '"e-2"' });
	expectNameLookup('/sourceConnections', SOURCE_NAME, [dataLakeSource('s-2', 200), dataLakeSource('s-1', 100, '5ef3e328582424191b1beb44')]);

	const result = await runWorkflow({ ...sourceWorkflow(), credentials: aepCredentials() });

	assertAllRequestsMade();
	expect(result.output(NODE)[0].json).toMatchObject({ id: 's-2', created: true });
});

describe('a create whose outcome is unknown looks again', () => {
	test('an unreadable 201: the oldest equal record is used, the newer ones made meanwhile are deleted', async () => {
		expectTokenRequest();
		expectNameLookup('/sourceConnections', SOURCE_NAME, []);
		flowService().post('/sourceConnections').once().reply(201, '<html>gateway</html>', { 'content-type': 'text/html' });
		expectNameLookup('/sourceConnections', SOURCE_NAME, [dataLakeSource('s-3', 300), dataLakeSource('s-1', 100), dataLakeSource('s-2', 200)]);
		flowService().delete('/sourceConnections/s-2').reply(202);
		flowService().delete('/sourceConnections/s-3').reply(404, { message: 'gone' });

		const result = await runWorkflow({ ...sourceWorkflow(), credentials: aepCredentials() });

		assertAllRequestsMade();
		expect(result.output(NODE)[0].json).toMatchObject({ id: 's-1', created: false });
	});

	test('a 502 on the create, and nothing equal listed: the error stands and says the object may exist', async () => {
		expectTokenRequest();
		expectNameLookup('/sourceConnections', SOURCE_NAME, []);
		flowService().post('/sourceConnections').once().reply(502, { message: 'Bad gateway' });
		expectNameLookup('/sourceConnections', SOURCE_NAME, [dataLakeSource('s-9', 100, '5ef3e328582424191b1beb44')]);

		const result = await runWorkflow({ ...sourceWorkflow(), credentials: aepCredentials() });

		assertAllRequestsMade();
		expect(result.error(NODE)!.message).toBe(
			'AEP POST /sourceConnections failed: Bad gateway; the source connection may have been created; run again with "Reuse It" to pick it up instead of creating another',
		);
	});

	test('a 400 is no unknown outcome: nothing is looked up again', async () => {
		expectTokenRequest();
		expectNameLookup('/sourceConnections', SOURCE_NAME, []);
		flowService().post('/sourceConnections').once().reply(400, { message: 'Invalid dataset' });

		const result = await runWorkflow({ ...sourceWorkflow(), credentials: aepCredentials() });

		assertAllRequestsMade();
		expect(result.error(NODE)!.message).toBe('AEP POST /sourceConnections failed: Invalid dataset');
	});
});

describe('dataflows: look up by name within the identity, create when nothing matches', () => {
	const SOURCE_ID = '5e0b3a1c-0000-4000-8000-00000000005c';
	const TARGET_ID = '7a9d2b4e-0000-4000-8000-00000000007c';
	const FLOW_SPEC = '269ba276-16fc-47db-92b0-c1049a3c131f';
	const DESTINATION_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';
	const FLOW_NAME = 'Nightly export';
	const parameters = {
		exportType: 'datasets',
		destination: { __rl: true, mode: 'list', value: '' },
		flowSpec: FLOW_SPEC,
		sourceConnection: { __rl: true, mode: 'id', value: SOURCE_ID },
		targetConnection: { __rl: true, mode: 'id', value: TARGET_ID },
		name: FLOW_NAME,
		frequency: 'once',
		startTime: '2030-02-09T00:06:50Z',
		ifExists: 'reuse',
	};
	const other = {
		id: 'f-other',
		name: FLOW_NAME,
		createdAt: 1,
		flowSpec: { id: FLOW_SPEC, version: '1.0' },
		sourceConnectionIds: ['5e000000-0000-4000-8000-000000000000'],
		targetConnectionIds: [TARGET_ID],
	};

	test('one with the name but another source connection: a new dataflow is created beside it, not refused', async () => {
		expectTokenRequest();
		expectNameLookup('/flows', FLOW_NAME, [other], [DESTINATION_FILTER]);
		flowService().post('/flows').reply(201, { id: 'f-new', etag: '"e-new"' });
		expectNameLookup('/flows', FLOW_NAME, [other, { ...other, id: 'f-new', createdAt: 2, sourceConnectionIds: [SOURCE_ID] }], [
			DESTINATION_FILTER,
		]);

		const flowWorkflow = chain([{ name: 'Dataflow', type: aepOperation('dataflow', 'create'), parameters }]);
		const result = await runWorkflow({ ...flowWorkflow, credentials: aepCredentials() });

		assertAllRequestsMade();
		expect(result.output('Dataflow')[0].json).toMatchObject({ id: 'f-new', created: true, sourceConnectionIds: [SOURCE_ID] });
	});

	test('with Fail, any dataflow with the name still fails', async () => {
		expectTokenRequest();
		expectNameLookup('/flows', FLOW_NAME, [other], [DESTINATION_FILTER]);

		const flowWorkflow = chain([{ name: 'Dataflow', type: aepOperation('dataflow', 'create'), parameters: { ...parameters, ifExists: 'fail' } }]);
		const result = await runWorkflow({ ...flowWorkflow, credentials: aepCredentials() });

		assertAllRequestsMade();
		expect(result.error('Dataflow')!.message).toBe(`A dataflow named "${FLOW_NAME}" already exists (ID f-other)`);
	});
});
