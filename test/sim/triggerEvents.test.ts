/**
 * The trigger (version 2) against the simulation over real HTTP, through n8n's real PollContext:
 * the Control API's run switches produce each event on demand (what the example workflows rely on
 * with `npm run sim`), and each fires once.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulation } from '../../sim/index';
import { aepCredentials } from '../harness/credentials';
import { TRIGGER_NODE } from '../harness/nodes';
import { pollNode } from '../harness/poll';
import { CLIENT_ID, CLIENT_SECRET, FlowClient, allowOnlyLocalhost, fillPlaceholders, http, seed, startTestSimulation } from './helpers';

allowOnlyLocalhost();

const MINUTE = 60_000;
const START = Date.UTC(2025, 0, 15, 9, 0, 0);
let now = START;
let sim: Simulation;

beforeAll(async () => {
	sim = await startTestSimulation({ clock: () => now, initialRuns: ['success', 'failed'] });
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterAll(async () => {
	jest.restoreAllMocks();
	await sim.close();
});

async function createDatasetFlow(client: FlowClient): Promise<string> {
	const source = await client.create('/sourceConnections', seed('000-source-connection.request.json'));
	const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')));
	const target = await client.create(
		'/targetConnections',
		fillPlaceholders(seed('000-target-connection-amazon-s3.request.json'), { '<FROM_STEP_CREATE_TARGET_BASE_CONNECTION>': base.id }),
	);
	const body = fillPlaceholders(seed<any>('000-dataflow-amazon-s3.request.json'), {
		'<FROM_STEP_CREATE_SOURCE_CONNECTION>': source.id,
		'<FROM_STEP_CREATE_TARGET_CONNECTION>': target.id,
	});
	return (await client.create('/flows', { ...body, name: 'Nightly orders export' })).id;
}

const admin = async (path: string, body: unknown) => {
	const answer = await http(`${sim.url}/__sim${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect([200, 201]).toContain(answer.status);
	return answer.body as IDataObject;
};

test('each switch produces its event once: missing run, delayed run, then its failure, skip rate, ending dataflow', async () => {
	const client = await new FlowClient(sim).login();
	const flowId = await createDatasetFlow(client);
	const credentials = aepCredentials({ showAdvanced: true, imsTokenUrl: sim.imsTokenUrl, gatewayUrl: sim.gatewayUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
	const parameters = {
		watch: 'all',
		events: ['failed', 'delayed', 'skipRate', 'missingRun', 'ending'],
		delayMinutes: 30,
		skipRatePercent: 5,
		graceMinutes: 60,
		endingWithinDays: 30,
	};
	let staticData: IDataObject = {};
	const poll = async () => {
		const result = await pollNode({ type: TRIGGER_NODE, parameters, credentials, mode: 'trigger', staticData, typeVersion: 2 });
		staticData = result.staticData;
		return result.items?.map((item) => [item.json.event, item.json.dataflowName, item.json.runId ?? null]) ?? null;
	};

	// The history looks two days old: the schedule (every 3 hours) has missed runs.
	expect(await admin(`/flows/${flowId}/shift-runs`, { hours: 48 })).toEqual({ flowId, moved: 2 });
	expect(await poll()).toBeNull();
	now += MINUTE;
	expect(await poll()).toEqual([['missingRun', 'Nightly orders export', null]]);
	expect(await poll()).toBeNull();

	const held = await admin(`/flows/${flowId}/runs`, { status: 'inProgress', startedAtUTC: now - 40 * MINUTE, hold: true });
	now += MINUTE;
	expect(await poll()).toEqual([['delayed', 'Nightly orders export', held.id]]);
	expect(await poll()).toBeNull();

	await admin(`/runs/${String(held.id)}/finish`, { status: 'failed' });
	expect(await poll()).toEqual([['failed', 'Nightly orders export', held.id]]);
	expect(await poll()).toBeNull();

	const skippy = await admin(`/flows/${flowId}/runs`, { status: 'success', skippedPercent: 12 });
	now += MINUTE;
	const skipped = await pollNode({ type: TRIGGER_NODE, parameters, credentials, mode: 'trigger', staticData, typeVersion: 2 });
	staticData = skipped.staticData;
	expect(skipped.items?.map((item) => [item.json.event, item.json.runId, item.json.skipRatePercent])).toEqual([['skipRate', skippy.id, 12]]);
	expect(skipped.items?.[0].json.skipReasons).toEqual([expect.objectContaining({ code: 'ACTIVATION_BATCH-0000-SKIP' })]);
	expect(await poll()).toBeNull();

	await admin(`/flows/${flowId}/end-time`, { inDays: 12 });
	expect(await poll()).toEqual([['ending', 'Nightly orders export', null]]);
	expect(await poll()).toBeNull();
});
