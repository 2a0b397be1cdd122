import type { IDataObject } from 'n8n-workflow';

import { EXAMPLE_FLOW_NAMES, expectDataflowRead } from '../harness/runs';
import { assertAllRequestsMade, expectTokenRequest, flowService } from '../harness/aep';
import { FLOW, FLOW_B, finished, HOUR, MINUTE, NOW, oneFlow, page, running, runsQuery, savedWatch, useV1Trigger } from './v1.helpers';

const trigger = useV1Trigger();
const { poll } = trigger;

describe('AEP Dataflow Run Trigger, version 1 (one finish event)', () => {
	test('first poll records what exists and emits nothing; later polls emit each newly finished run once, across restarts', async () => {
		expectTokenRequest();
		// The two polls that emit read the dataflow for its name (a poll has no execution to cache in).
		expectDataflowRead(FLOW, 2);
		const api = flowService();

		// Poll 1: the baseline reads the last 24 hours.
		api.get('/runs')
			.query(runsQuery([FLOW], NOW - 24 * HOUR))
			.reply(200, page([running('long-run', NOW - 3 * HOUR), finished('old-ok', 'success', NOW - 4 * HOUR), finished('old-fail', 'failed', NOW - 5 * HOUR)]));
		const first = await poll({ ...oneFlow, event: 'failed' });
		expect(first.items).toBeNull();
		// The run still in progress is remembered; the finished ones are older than the next window.
		expect(first.staticData).toEqual({
			'node:Trigger': {
				runWatch: {
					watchKey: `ids:${FLOW}`,
					newestStart: NOW - 3 * HOUR,
					handled: {},
					handledThrough: null,
					pending: { 'long-run': NOW - 3 * HOUR },
					delayed: {},
					// The newest start per dataflow, for "expected run missing" (version 2).
					lastStart: { [FLOW]: NOW - 3 * HOUR },
					watchingSince: NOW - 24 * HOUR,
					conditions: {},
				},
			},
		});

		// Poll 2: the window opens an hour before the newest start, or at the oldest open run.
		api.get('/runs')
			.query(runsQuery([FLOW], NOW - 4 * HOUR))
			.reply(
				200,
				page([
					running('new-running', NOW - 10 * MINUTE),
					finished('new-ok', 'Success', NOW - 20 * MINUTE),
					finished('new-fail', 'Failed', NOW - 30 * MINUTE),
					finished('long-run', 'failed', NOW - 3 * HOUR),
				]),
			);
		const second = await poll({ ...oneFlow, event: 'failed' }, first.staticData);
		// Oldest first; the success is not a failure, the new run is still going.
		expect(second.items?.map((item) => [item.json.runId, item.json.status, item.json.rawStatus])).toEqual([
			['long-run', 'failed', 'failed'],
			['new-fail', 'failed', 'Failed'],
		]);
		expect(second.items?.[1].json).toMatchObject({
			flowId: FLOW,
			...EXAMPLE_FLOW_NAMES,
			finished: true,
			errorSummary: 'ACTIVATION_BATCH-0000-FAILED: Job aborted.',
			startedAt: new Date(NOW - 30 * MINUTE).toISOString(),
			durationMs: 5 * MINUTE,
			duration: '5m 0s',
		});
		expect((second.items?.[1].json.run as IDataObject).id).toBe('new-fail');

		// Poll 3: the same runs again, nothing new.
		api.get('/runs')
			.query(runsQuery([FLOW], NOW - 70 * MINUTE))
			.reply(
				200,
				page([
					running('new-running', NOW - 10 * MINUTE),
					finished('new-ok', 'Success', NOW - 20 * MINUTE),
					finished('new-fail', 'Failed', NOW - 30 * MINUTE),
				]),
			);
		const third = await poll({ ...oneFlow, event: 'failed' }, second.staticData);
		expect(third.items).toBeNull();

		// Poll 4: the open run ends in partial success (not this event), a new failure appears.
		api.get('/runs')
			.query(runsQuery([FLOW], NOW - 70 * MINUTE))
			.reply(
				200,
				page([
					finished('newest-fail', 'FAILED', NOW - 5 * MINUTE),
					finished('new-running', 'partial_success', NOW - 10 * MINUTE),
					finished('new-ok', 'Success', NOW - 20 * MINUTE),
					finished('new-fail', 'Failed', NOW - 30 * MINUTE),
				]),
			);
		const fourth = await poll({ ...oneFlow, event: 'failed' }, third.staticData);
		expect(fourth.items?.map((item) => item.json.runId)).toEqual(['newest-fail']);

		// Poll 5: an empty list.
		api.get('/runs').query(runsQuery([FLOW], NOW - 65 * MINUTE)).reply(200, page([]));
		const fifth = await poll({ ...oneFlow, event: 'failed' }, fourth.staticData);
		expect(fifth.items).toBeNull();

		assertAllRequestsMade();
		expect(trigger.credentials().preAuthenticationCalls.get('aep-1')).toBe(1);
	});

	test('"Any Run Finished" emits successes, failures and partial successes; pages are followed with the filters kept', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		const previous = savedWatch(`ids:${FLOW}`, NOW - 2 * HOUR);
		flowService()
			.get('/runs')
			.query(runsQuery([FLOW], NOW - 3 * HOUR))
			.reply(200, page([finished('c', 'partialSuccess', NOW - 10 * MINUTE), running('d', NOW - 5 * MINUTE)], 'token-2'))
			.get('/runs')
			.query(runsQuery([FLOW], NOW - 3 * HOUR, { continuationToken: 'token-2' }))
			.reply(200, page([finished('b', 'failed', NOW - 20 * MINUTE), finished('a', 'success', NOW - 30 * MINUTE)]));

		const result = await poll({ ...oneFlow, event: 'anyFinished' }, previous);

		assertAllRequestsMade();
		expect(result.items?.map((item) => [item.json.runId, item.json.status])).toEqual([
			['a', 'success'],
			['b', 'failed'],
			['c', 'partialSuccess'],
		]);
	});

	test('memory stays bounded without emitting a run twice', async () => {
		const runs = Array.from({ length: 1200 }, (_, index) => ({
			id: `run-${String(index).padStart(4, '0')}`,
			flowId: FLOW,
			createdAt: NOW - HOUR + index * 1000,
			metrics: {
				durationSummary: { startedAtUTC: NOW - HOUR + index * 1000, completedAtUTC: NOW },
				statusSummary: { status: 'success' },
			},
		}));
		const pages = (from: number) => {
			for (let p = 0; p < 12; p++) {
				flowService()
					.get('/runs')
					.query(runsQuery([FLOW], from, p ? { continuationToken: `t${p}` } : {}))
					.reply(200, page(runs.slice(p * 100, p * 100 + 100), p < 11 ? `t${p + 1}` : undefined));
			}
		};
		expectTokenRequest();
		const previous = savedWatch(`ids:${FLOW}`, NOW - HOUR);

		pages(NOW - 2 * HOUR);
		// 1200 runs of one dataflow: its name is read once.
		expectDataflowRead(FLOW);
		const first = await poll({ ...oneFlow, event: 'anyFinished' }, previous);
		expect(first.items).toHaveLength(1200);
		const state = (first.staticData['node:Trigger'] as IDataObject).runWatch as IDataObject;
		expect(Object.keys(state.handled as IDataObject)).toHaveLength(1000);
		// The 200 oldest were dropped from memory; their start times are covered by handledThrough.
		expect(state.handledThrough).toBe(NOW - HOUR + 199 * 1000);

		const newestStart = NOW - HOUR + 1199 * 1000;
		pages(newestStart - HOUR);
		const second = await poll({ ...oneFlow, event: 'anyFinished' }, first.staticData);
		expect(second.items).toBeNull();
		assertAllRequestsMade();
	});

	test('watches every destination dataflow: lists them, then asks for runs 20 flows per request', async () => {
		const flowIds = Array.from({ length: 21 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
		expectTokenRequest();
		flowService()
			.get('/flows')
			.query({ property: 'inheritedAttributes.properties.isDestinationFlow==true', limit: '100' })
			.reply(200, { items: flowIds.slice(0, 15).map((id) => ({ id })), _links: { next: { href: '/flows?continuationToken=f2' } } })
			.get('/flows')
			.query({ property: 'inheritedAttributes.properties.isDestinationFlow==true', limit: '100', continuationToken: 'f2' })
			.reply(200, { items: flowIds.slice(15).map((id) => ({ id })), _links: {} })
			.get('/runs')
			.query(runsQuery(flowIds.slice(0, 20), NOW - 24 * HOUR))
			.reply(200, page([running('r-1', NOW - HOUR, flowIds[3])]))
			.get('/runs')
			.query(runsQuery(flowIds.slice(20), NOW - 24 * HOUR))
			.reply(200, page([finished('r-2', 'failed', NOW - 2 * HOUR, flowIds[20])]));

		const result = await poll({ watch: 'all', event: 'failed' });

		assertAllRequestsMade();
		expect(result.items).toBeNull();
		expect((result.staticData['node:Trigger'] as IDataObject).runWatch).toEqual({
			watchKey: 'all',
			newestStart: NOW - HOUR,
			handled: {},
			handledThrough: null,
			pending: { 'r-1': NOW - HOUR },
			delayed: {},
			lastStart: { [flowIds[3]]: NOW - HOUR, [flowIds[20]]: NOW - 2 * HOUR },
			watchingSince: NOW - 24 * HOUR,
			conditions: {},
		});
	});

	test('a changed choice of dataflows starts from a new baseline instead of emitting the back catalogue', async () => {
		expectTokenRequest();
		const previous = savedWatch(`ids:${FLOW}`, NOW - 2 * HOUR);
		flowService()
			.get('/runs')
			.query(runsQuery([FLOW, FLOW_B], NOW - 24 * HOUR))
			.reply(200, page([finished('b-1', 'failed', NOW - 30 * MINUTE, FLOW_B)]));

		const result = await poll(
			{
				watch: 'several',
				event: 'failed',
				dataflows: {
					dataflowValues: [
						{ dataflow: { __rl: true, mode: 'list', value: FLOW } },
						{ dataflow: { __rl: true, mode: 'id', value: FLOW_B } },
						{ dataflow: { __rl: true, mode: 'id', value: FLOW } },
					],
				},
			},
			previous,
		);

		assertAllRequestsMade();
		expect(result.items).toBeNull();
		expect(((result.staticData['node:Trigger'] as IDataObject).runWatch as IDataObject).watchKey).toBe(
			`ids:${[FLOW, FLOW_B].sort().join(',')}`,
		);
	});

	test('manual mode emits the most recent run that fits the event as a sample and leaves the state alone', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get('/runs')
			.query(runsQuery([FLOW]))
			.reply(200, page([running('newest', NOW - 5 * MINUTE), finished('ok', 'success', NOW - HOUR), finished('failed-1', 'failed', NOW - 2 * HOUR), finished('failed-0', 'failed', NOW - 3 * HOUR)]));

		const result = await poll({ ...oneFlow, event: 'failed' }, {}, 'manual');

		assertAllRequestsMade();
		expect(result.items?.map((item) => item.json.runId)).toEqual(['failed-1']);
		expect(result.items?.[0].json).toMatchObject({ status: 'failed', ...EXAMPLE_FLOW_NAMES });
		expect(result.staticData).toEqual({});
	});

	test('manual mode says so when the dataflow has no run yet', async () => {
		expectTokenRequest();
		flowService().get('/runs').query(runsQuery([FLOW])).reply(200, page([]));

		await expect(poll({ ...oneFlow, event: 'anyFinished' }, {}, 'manual')).rejects.toThrow(
			'No runs found for the watched dataflows',
		);
		assertAllRequestsMade();
	});

	test.each([
		[{ watch: 'one', dataflow: { __rl: true, mode: 'id', value: '={{ "flow-1" }}' }, event: 'failed' }, 'Invalid Dataflow: "flow-1".'],
		[{ watch: 'several', dataflows: { dataflowValues: [] }, event: 'failed' }, 'Invalid Dataflows: []. Allowed: at least one dataflow.'],
		[{ ...oneFlow, event: '={{ "broken" }}' }, 'Invalid Event: "broken". Allowed: anyFinished, failed, partialSuccess, success.'],
	])('rejects bad input %j before any request', async (parameters, message) => {
		await expect(poll(parameters)).rejects.toThrow(message);
		expect(trigger.credentials().preAuthenticationCalls.size).toBe(0);
	});
});
