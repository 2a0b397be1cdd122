import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, continuationPage, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import {
	AUDIENCE_A,
	audienceFlow,
	byId,
	DATASET_FLOW_ID,
	DATASET_ID,
	datasetFlow,
	expectGetFlow,
	S3,
	SOURCE_ID,
} from './dayTwo.fixtures';

const DESTINATIONS = 'inheritedAttributes.properties.isDestinationFlow==true';

async function run(operation: string, parameters: IDataObject, input?: IDataObject[], continueOnFail = false) {
	return await runWorkflow({
		...chain([{ name: 'AEP', type: aepOperation('dataflow', operation), parameters }], 'aep-1', { continueOnFail }),
		credentials: aepCredentials(),
		input,
	});
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

describe('AEP Dataflow → Get', () => {
	test('outputs the dataflow with the date a dataset dataflow without End Time stops (six months after creation)', async () => {
		freezeDate('2026-07-05T00:00:00Z');
		expectTokenRequest();
		expectGetFlow(datasetFlow());

		const result = await run('get', { dataflow: byId(DATASET_FLOW_ID) });

		assertAllRequestsMade();
		const [item] = result.output('AEP');
		expect(item.json).toMatchObject({
			id: DATASET_FLOW_ID,
			exportType: 'datasets',
			endsAt: '2026-07-15T00:00:00.000Z',
			daysLeft: 10,
			endsBy: 'sixMonthsAfterCreation',
		});
		expect(item.json.dataflow).toEqual(datasetFlow());
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('an End Time set on the dataflow wins; audience dataflows have no dataflow-wide end', async () => {
		freezeDate('2026-07-05T00:00:00Z');
		expectTokenRequest();
		expectGetFlow(datasetFlow({ scheduleParams: { startTime: 1768435200, endTime: 1800000000, frequency: 'day', interval: 1 } }));
		expectGetFlow(audienceFlow());

		const result = await run('get', { dataflow: '={{ $json.id }}' }, [{ id: DATASET_FLOW_ID }, { id: audienceFlow().id }]);

		assertAllRequestsMade();
		const items = result.output('AEP');
		expect(items.map((item) => [item.json.endsAt, item.json.endsBy, item.pairedItem])).toEqual([
			['2027-01-15T08:00:00.000Z', 'endTime', { item: 0 }],
			[null, null, { item: 1 }],
		]);
	});

	test('a bad ID fails before any request; with Continue On Fail the other items carry on', async () => {
		expectTokenRequest();
		expectGetFlow(datasetFlow());

		const result = await run('get', { dataflow: '={{ $json.id }}' }, [{ id: 'not-a-uuid' }, { id: DATASET_FLOW_ID }], true);

		assertAllRequestsMade();
		const items = result.output('AEP');
		expect(items[0].json.error).toBe(
			'Invalid Dataflow: "not-a-uuid". Allowed: a dataflow picked from the list, or its ID (a UUID such as 0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e).',
		);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.id).toBe(DATASET_FLOW_ID);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('AEP Dataflow → Get Many', () => {
	test('destination, audience, state: server-side property filters (ANDed), newest first, at the Limit', async () => {
		expectTokenRequest();
		flowService()
			.get('/flows')
			.query({
				property: [
					DESTINATIONS,
					`inheritedAttributes.targetConnections[].connectionSpec.id==${S3}`,
					`transformations[].params.segmentSelectors.selectors[].value.id==${AUDIENCE_A}`,
					'state==enabled',
				],
				orderby: '-createdAt',
				limit: '1',
			})
			.reply(200, continuationPage([audienceFlow()], '/flows?continuationToken=next'));

		const result = await run('getAll', {
			returnAll: false,
			limit: 1,
			filters: { destination: byId(S3), audience: { __rl: true, mode: 'list', value: AUDIENCE_A }, state: 'enabled' },
		});

		assertAllRequestsMade();
		expect(result.output('AEP').map((item) => item.json.id)).toEqual([audienceFlow().id]);
	});

	test('dataset: finds its source connections, then their dataflows; name contains filters here over every page', async () => {
		expectTokenRequest();
		flowService()
			.get('/sourceConnections')
			.query({ property: `params.datasets[].dataSetId==${DATASET_ID}`, orderby: '-createdAt', limit: '100' })
			.reply(200, continuationPage([{ id: SOURCE_ID }]));
		const query = { property: [DESTINATIONS, `sourceConnectionIds[]==${SOURCE_ID}`], orderby: '-createdAt', limit: '100' };
		flowService()
			.get('/flows')
			.query(query)
			.reply(200, continuationPage([datasetFlow({ name: 'Other' })], '/flows?continuationToken=t2'));
		flowService()
			.get('/flows')
			.query({ ...query, continuationToken: 't2' })
			.reply(200, continuationPage([datasetFlow()]));

		const result = await run('getAll', { returnAll: true, filters: { datasetId: DATASET_ID, nameContains: 'DAILY' } });

		assertAllRequestsMade();
		expect(result.output('AEP').map((item) => item.json.name)).toEqual(['Daily dataset export']);
	});

	test('a dataset no source connection exports: no dataflow request, no items', async () => {
		expectTokenRequest();
		flowService()
			.get('/sourceConnections')
			.query({ property: `params.datasets[].dataSetId==${DATASET_ID}`, orderby: '-createdAt', limit: '100' })
			.reply(200, continuationPage([]));

		const result = await run('getAll', { returnAll: true, filters: { datasetId: DATASET_ID } });

		assertAllRequestsMade();
		expect(result.output('AEP')).toEqual([]);
	});

	test('ending within 30 days: dataset dataflows only, by End Time or six months after creation', async () => {
		freezeDate('2026-07-05T00:00:00Z');
		const later = datasetFlow({ id: 'a1111111-2222-4333-8444-555555555555', scheduleParams: { startTime: 1768435200, endTime: Date.UTC(2026, 11, 1) / 1000 } });
		const soon = datasetFlow({ id: 'b1111111-2222-4333-8444-555555555555', scheduleParams: { startTime: 1768435200, endTime: Date.UTC(2026, 6, 20) / 1000 } });
		expectTokenRequest();
		flowService()
			.get('/flows')
			.query({ property: DESTINATIONS, orderby: '-createdAt', limit: '100' })
			.reply(200, continuationPage([audienceFlow(), later, soon, datasetFlow()]));

		const result = await run('getAll', { returnAll: true, filters: { endingWithinDays: 30 } });

		assertAllRequestsMade();
		expect(result.output('AEP').map((item) => [item.json.id, item.json.daysLeft, item.json.endsBy])).toEqual([
			[soon.id, 15, 'endTime'],
			[DATASET_FLOW_ID, 10, 'sixMonthsAfterCreation'],
		]);
	});

	test('bad filters fail before any request, naming the field and what is allowed', async () => {
		const result = await run('getAll', { returnAll: true, filters: { datasetId: 'x y' } });
		expect(result.error('AEP')?.message).toBe('Invalid Dataset ID: "x y". Allowed: a dataset ID such as 5ba9452c7bc8e0000061c4ba.');
		const audience = await run('getAll', { returnAll: true, filters: { audience: byId('nope') } });
		expect(audience.error('AEP')?.message).toBe(
			'Invalid Audience: "nope". Allowed: an audience picked from the list, or its ID (a UUID such as db8961e9-d52f-45bc-b3fb-76d0382a6851).',
		);
	});
});
