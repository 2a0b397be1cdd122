import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { assertAllRequestsMade, flowService } from '../harness/aep';
import { audienceFlow, DAY, datasetFlow, finished, FLOW, HOUR, MINUTE, NOW, page, runsQuery, S3_SPEC, pollV2, triggerTestSetup } from './helpers';

const FLOW_B = '0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e';
const DESTINATION_FLOWS = 'inheritedAttributes.properties.isDestinationFlow==true';

const t = triggerTestSetup();

const poll = (parameters: IDataObject, staticData: IDataObject, mode?: 'trigger' | 'manual') => pollV2(t, parameters, staticData, mode);

function expectFlows(flows: object[], property: string | string[] = DESTINATION_FLOWS) {
	flowService().get('/flows').query({ property, limit: '100' }).reply(200, { items: flows, _links: {} });
}


test('"dataflow ending" fires once per end time, again when the end time moves and comes near again; no run is listed for it', async () => {
	const parameters = { watch: 'all', events: ['ending'], endingWithinDays: 30 };
	const ending = datasetFlow(FLOW, 6, NOW + 10 * DAY);
	const farOff = datasetFlow(FLOW_B, 6, NOW + 90 * DAY);
	expectFlows([ending, farOff]);
	const baseline = await poll(parameters, {});
	expect(baseline.items).toBeNull();

	expectFlows([ending, farOff]);
	const second = await poll(parameters, baseline.staticData);
	expect(second.items?.map((item) => item.json)).toEqual([
		expect.objectContaining({
			event: 'ending',
			eventLabel: 'Dataflow ending soon',
			flowId: FLOW,
			dataflowName: 'Dataset export df8d',
			destinationName: 'Amazon S3',
			destinationId: S3_SPEC,
			exportType: 'datasets',
			endTime: new Date(NOW + 10 * DAY).toISOString(),
			endsInDays: 10,
			endsIn: '10d',
			uiUrl: `https://experience.adobe.com/#/sname:prod/platform/destination/browse/${FLOW}`,
			message: `Dataflow ending soon: Dataset export df8d → Amazon S3 · ends ${new Date(NOW + 10 * DAY).toISOString()} (in 10d)`,
		}),
	]);

	t.clock = NOW + DAY;
	expectFlows([ending, farOff]);
	const third = await poll(parameters, second.staticData);
	expect(third.items).toBeNull();

	// Extended by 15 days (a PATCH of scheduleParams.endTime): a new end time, still within 30 days.
	const extended = datasetFlow(FLOW, 6, NOW + 25 * DAY);
	expectFlows([extended, farOff]);
	const fourth = await poll(parameters, third.staticData);
	expect(fourth.items?.map((item) => [item.json.event, item.json.flowId, item.json.endsInDays])).toEqual([['ending', FLOW, 24]]);
	assertAllRequestsMade();
});

test('"expected run missing" fires once when no run started within the interval plus grace, and again after the next gap', async () => {
	const parameters = { watch: 'all', events: ['missingRun'], graceMinutes: 60 };
	const flow = datasetFlow(FLOW, 3);
	expectFlows([flow]);
	flowService().get('/runs').query(runsQuery([FLOW], NOW - DAY)).reply(200, page([finished('r-1', 'success', NOW - 2 * HOUR)]));
	const baseline = await poll(parameters, {});
	expect(baseline.items).toBeNull();

	// Due at NOW - 2h + 3h + 1h = NOW + 2h.
	t.clock = NOW + 2 * HOUR;
	expectFlows([flow]);
	flowService().get('/runs').query(runsQuery([FLOW], NOW - 3 * HOUR)).reply(200, page([finished('r-1', 'success', NOW - 2 * HOUR)]));
	const onTime = await poll(parameters, baseline.staticData);
	expect(onTime.items).toBeNull();

	t.clock = NOW + 2 * HOUR + MINUTE;
	expectFlows([flow]);
	flowService().get('/runs').query(runsQuery([FLOW], NOW - 3 * HOUR)).reply(200, page([finished('r-1', 'success', NOW - 2 * HOUR)]));
	const late = await poll(parameters, onTime.staticData);
	expect(late.items?.map((item) => item.json)).toEqual([
		expect.objectContaining({
			event: 'missingRun',
			flowId: FLOW,
			dataflowName: 'Dataset export df8d',
			lastRunStartedAt: new Date(NOW - 2 * HOUR).toISOString(),
			expectedBy: new Date(NOW + 2 * HOUR).toISOString(),
			overdueBy: '1m',
			scheduleInterval: '3h',
		}),
	]);

	t.clock = NOW + 3 * HOUR;
	expectFlows([flow]);
	flowService().get('/runs').query(runsQuery([FLOW], NOW - 3 * HOUR)).reply(200, page([finished('r-1', 'success', NOW - 2 * HOUR)]));
	const stillLate = await poll(parameters, late.staticData);
	expect(stillLate.items).toBeNull();

	// A run starts: the condition clears; 3 h + 1 h later without another run, it fires again.
	const next = finished('r-2', 'success', NOW + 3 * HOUR);
	expectFlows([flow]);
	flowService().get('/runs').query(runsQuery([FLOW], NOW - 3 * HOUR)).reply(200, page([next]));
	const ran = await poll(parameters, stillLate.staticData);
	expect(ran.items).toBeNull();

	t.clock = NOW + 7 * HOUR + MINUTE;
	expectFlows([flow]);
	flowService().get('/runs').query(runsQuery([FLOW], NOW + 2 * HOUR)).reply(200, page([next]));
	const again = await poll(parameters, ran.staticData);
	expect(again.items?.map((item) => [item.json.event, item.json.expectedBy])).toEqual([['missingRun', new Date(NOW + 7 * HOUR).toISOString()]]);
	assertAllRequestsMade();
});

test('watching one destination type: one /flows and one /runs request per poll; the item carries names, rows per audience, skip reasons and the raw run', async () => {
	const parameters = {
		watch: 'all',
		destinationFilter: S3_SPEC,
		events: ['success', 'skipRate'],
		skipRatePercent: 0.1,
		options: { uiOrganization: '@acme' },
	};
	const flows = [audienceFlow(FLOW), audienceFlow(FLOW_B)];
	const property = [DESTINATION_FLOWS, `inheritedAttributes.targetConnections[].connectionSpec.id==${S3_SPEC}`];
	expectFlows(flows, property);
	flowService().get('/runs').query(runsQuery([FLOW, FLOW_B], NOW - DAY)).reply(200, page([]));
	const baseline = await poll(parameters, {});
	expect(baseline.items).toBeNull();

	const run = finished('ok-1', 'success', NOW - 10 * MINUTE);
	expectFlows(flows, property);
	flowService().get('/runs').query(runsQuery([FLOW, FLOW_B], NOW - HOUR)).reply(200, page([run]));
	const second = await poll(parameters, baseline.staticData);
	assertAllRequestsMade();
	expect(second.items?.map((item) => item.json.event)).toEqual(['success', 'skipRate']);
	const { run: raw, ...item } = second.items![1].json;
	expect(raw).toEqual(run);
	expect(item).toMatchObject({
		event: 'skipRate',
		dataflowName: 'Weekly audiences df8d',
		destinationName: 'Amazon S3',
		exportType: 'audiences',
		flowId: FLOW,
		runId: 'ok-1',
		status: 'success',
		recordsRead: 7823447,
		recordsWritten: 7808223,
		recordsSkipped: 15224,
		skipRatePercent: 0.19,
		filesWritten: 2,
		bytesWritten: 855202780,
		skipReasons: [{ code: 'ACTIVATION_BATCH-0000-SKIP', message: "Records didn't match attribute filter.", count: 15224 }],
		skipReasonSummary: "ACTIVATION_BATCH-0000-SKIP: Records didn't match attribute filter. (15224)",
		entities: [
			{
				type: 'audience',
				id: 'b1cbaff7-e7c6-417e-ab54-71d302595785',
				recordsRead: 7823447,
				recordsWritten: 7808223,
				recordsSkipped: 15224,
				recordsFailed: null,
			},
		],
		uiUrl: `https://experience.adobe.com/#/@acme/sname:prod/platform/destination/browse/${FLOW}`,
	});
	expect(item.message).toBe(
		`Skip rate above threshold: Weekly audiences df8d → Amazon S3 · status success · started ${new Date(NOW - 10 * MINUTE).toISOString()} · took 5m 0s · records in 7823447 / out 7808223 / skipped 15224 / failed n/a · skip rate 0.19% · skipped: ACTIVATION_BATCH-0000-SKIP: Records didn't match attribute filter. (15224)`,
	);
});

test('manual mode samples the newest fitting event without touching static data', async () => {
	expectFlows([datasetFlow(FLOW, 6, NOW + 5 * DAY)]);
	const result = await poll({ watch: 'all', events: ['ending'] }, {}, 'manual');
	assertAllRequestsMade();
	expect(result.items?.map((item) => [item.json.event, item.json.endsInDays])).toEqual([['ending', 5]]);
	expect(result.staticData).toEqual({});
});

test.each([
	[{ watch: 'all', events: [] }, 'Invalid Trigger On: []. Allowed: one or more of'],
	[{ watch: 'all', events: ['failed', 'exploded'] }, 'Invalid Trigger On: ["failed","exploded"]'],
	[{ watch: 'all', events: ['delayed'], delayMinutes: 0 }, 'Invalid Delayed After (Minutes): 0. Allowed: a number from 1 to 10080.'],
	[{ watch: 'all', events: ['skipRate'], skipRatePercent: 101 }, 'Invalid Skip Rate Above (%): 101. Allowed: a number from 0 to 100.'],
	[{ watch: 'all', events: ['failed'], destinationFilter: '=amazon' }, 'Invalid Only Destination: "amazon".'],
])('rejects bad input %j before any request', async (parameters, message) => {
	nock.cleanAll();
	await expect(poll(parameters, {})).rejects.toThrow(message);
	expect(t.credentials.preAuthenticationCalls.size).toBe(0);
});
