import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { AEP_JSON_HEADERS, assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { AUDIENCE_FLOW_ID, audienceFlow, byId, DATASET_FLOW_ID, datasetFlow, expectGetFlow } from './dayTwo.fixtures';

const SIX_MONTHS_FROM_NOW = Date.UTC(2027, 0, 5) / 1000; // now is 2026-07-05T00:00:00Z

async function run(parameters: IDataObject, flowId = DATASET_FLOW_ID) {
	return await runWorkflow({
		...chain([{ name: 'Extend', type: aepOperation('dataflow', 'extendEndTime'), parameters: { dataflow: byId(flowId), ...parameters } }]),
		credentials: aepCredentials(),
	});
}

function expectPatch(etag: string, bodies: unknown[], status: number, reply: object) {
	return flowService({ ...AEP_JSON_HEADERS, 'if-match': etag })
		.patch(`/flows/${DATASET_FLOW_ID}`, (body: unknown) => {
			bodies.push(body);
			return true;
		})
		.reply(status, reply);
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(() => {
	resetNock();
	freezeDate('2026-07-05T00:00:00Z');
});
afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

describe('AEP Dataflow → Extend End Time', () => {
	test('six months from now: adds /scheduleParams/endTime (epoch seconds) with If-Match, then outputs the new stop date', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectGetFlow(datasetFlow());
		expectPatch('"0400aaaa-0000-0200-0000-000000000001"', bodies, 200, { id: DATASET_FLOW_ID, etag: '"e2"' });
		expectGetFlow(datasetFlow({ etag: '"e2"', scheduleParams: { ...(datasetFlow().scheduleParams as IDataObject), endTime: SIX_MONTHS_FROM_NOW } }));

		const result = await run({ newEndTime: 'sixMonths' });

		assertAllRequestsMade();
		expect(bodies).toEqual([[{ op: 'add', path: '/scheduleParams/endTime', value: SIX_MONTHS_FROM_NOW }]]);
		expect(result.output('Extend')[0].json).toMatchObject({
			id: DATASET_FLOW_ID,
			etag: '"e2"',
			endsAt: '2027-01-05T00:00:00.000Z',
			endsBy: 'endTime',
			daysLeft: 184,
			previousEndsAt: '2026-07-15T00:00:00.000Z',
			attempts: 1,
		});
	});

	test('a 412 (someone changed it) re-reads the dataflow and replaces the end time with the new etag', async () => {
		const bodies: unknown[] = [];
		const withEnd = (etag: string) => datasetFlow({ etag, scheduleParams: { startTime: 1768435200, endTime: 1790000000 } });
		expectTokenRequest();
		expectGetFlow(datasetFlow());
		expectPatch('"0400aaaa-0000-0200-0000-000000000001"', bodies, 412, {
			errorMessage: 'Supplied version=["0400aaaa-0000-0200-0000-000000000001"] does not match the current version on entity=["e9"]',
		});
		expectGetFlow(withEnd('"e9"'));
		expectPatch('"e9"', bodies, 200, { id: DATASET_FLOW_ID, etag: '"e10"' });
		expectGetFlow(withEnd('"e10"'));

		const result = await run({ newEndTime: 'date', endTime: '2027-06-30T00:00:00Z' });

		assertAllRequestsMade();
		const value = Date.UTC(2027, 5, 30) / 1000;
		expect(bodies).toEqual([
			[{ op: 'add', path: '/scheduleParams/endTime', value }],
			[{ op: 'replace', path: '/scheduleParams/endTime', value }],
		]);
		expect(result.output('Extend')[0].json.attempts).toBe(2);
	});

	test('an end time in the past fails before any request', async () => {
		const result = await run({ newEndTime: 'date', endTime: '2026-01-01T00:00:00Z' });
		expect(result.error('Extend')?.message).toBe(
			'Invalid End Time: "2026-01-01T00:00:00Z". Allowed: a date and time in the future, such as 2027-06-30T00:00:00Z.',
		);
	});

	test('an audience dataflow is refused clearly, and nothing is sent', async () => {
		expectTokenRequest();
		expectGetFlow(audienceFlow());

		const result = await run({ newEndTime: 'sixMonths' }, AUDIENCE_FLOW_ID);

		assertAllRequestsMade();
		expect(result.error('Extend')?.message).toBe(`Dataflow ${AUDIENCE_FLOW_ID} does not export datasets`);
	});
});
