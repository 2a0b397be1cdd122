/**
 * The day-two example workflows against the simulation, through n8n's engine: the trigger becomes
 * the harness start node and the n8n-nodes-base nodes that talk to the outside (Slack) are cut
 * off; every node of this package runs as the example sets it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IConnections, INode } from 'n8n-workflow';

import type { Simulation } from '../../sim/index';
import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { aepCredentials } from '../harness/credentials';
import { PACKAGE_NAME, PACKAGE_ROOT, runWorkflow } from '../harness/engine';
import { freezeDate } from '../harness/clock';
import { HarnessStart } from '../harness/start-node';
import { CLIENT_ID, CLIENT_SECRET, FlowClient, allowOnlyLocalhost, fillPlaceholders, http, seed, startTestSimulation } from './helpers';
import { s3DatasetConnections } from './s3Connections';

allowOnlyLocalhost();

const DAY = 86_400_000;
let now = Date.UTC(2027, 0, 10);
let sim: Simulation;
let client: FlowClient;
let restoreRetries: ReturnType<typeof setRetryPolicy>;

beforeAll(async () => {
	restoreRetries = setRetryPolicy({ baseDelayMs: 1 });
	// Runs finish at their first read: the examples check every minute, and tests do not wait minutes.
	sim = await startTestSimulation({ initialRuns: [], clock: () => now, runSettling: { afterReads: 0, finalStatus: 'success' } });
});
beforeEach(async () => {
	now = Date.UTC(2027, 0, 10);
	await http(`${sim.url}/__sim/reset`, { method: 'POST' });
	client = await new FlowClient(sim).login();
});
afterEach(() => jest.useRealTimers());
afterAll(async () => {
	setRetryPolicy(restoreRetries);
	await sim.close();
});

/** The example with its trigger as the harness start, only this package's nodes after it, and the AEP credential. */
function example(file: string): { nodes: INode[]; connections: IConnections } {
	const workflow = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'examples', file), 'utf8')) as { nodes: INode[]; connections: IConnections };
	const ours = workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`));
	const trigger = workflow.nodes.find((node) => /Trigger$/.test(node.type))!;
	const start: INode = { ...trigger, type: HarnessStart.type, parameters: {} };
	const names = new Set([start.name, ...ours.map((node) => node.name)]);
	const connections: IConnections = {};
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		if (!names.has(from)) continue;
		const main = outputs.main.map((list) => (list ?? []).filter((connection) => names.has(connection.node)));
		if (main.some((list) => list.length)) connections[from] = { main };
	}
	return { nodes: [start, ...ours.map((node) => ({ ...node, credentials: { aepPlatformApi: { id: 'aep-1', name: 'AEP' } } }))], connections };
}

const credentials = () =>
	aepCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, showAdvanced: true, imsTokenUrl: sim.imsTokenUrl, gatewayUrl: sim.gatewayUrl });

test('"test a new pipeline": newest connections, create, export now, wait: a finished run summary for Slack', async () => {
	const ids = await s3DatasetConnections(client);

	const result = await runWorkflow({ ...example('test-new-pipeline.json'), credentials: credentials() });

	for (const name of ['AEP Newest Source Connection', 'AEP Newest S3 Target Connection', 'AEP Create Dataflow', 'AEP Export Now']) {
		expect(result.error(name)).toBeUndefined();
	}
	const created = result.output('AEP Create Dataflow')[0].json;
	expect(created).toMatchObject({ created: true, sourceConnectionIds: [ids.sourceId], targetConnectionIds: [ids.targetId], endsBy: 'sixMonthsAfterCreation' });
	const summaries = result.output('AEP Export Now').map((item) => item.json);
	expect(summaries).toHaveLength(1);
	expect(summaries[0]).toMatchObject({ flowId: created.id, exportType: 'datasets', status: 'success', finished: true, timedOut: false });
});

test('"keep dataset exports alive": only the dataset dataflow stopping within 30 days is extended six months', async () => {
	const old = await s3DatasetConnections(client);
	const flowBody = (ids: { sourceId: string; targetId: string }, name: string) =>
		({ ...fillPlaceholders(seed<any>('000-dataflow-amazon-s3.request.json'), { '<FROM_STEP_CREATE_SOURCE_CONNECTION>': ids.sourceId, '<FROM_STEP_CREATE_TARGET_CONNECTION>': ids.targetId }), name });
	const body = flowBody(old, 'Created 170 days ago');
	body.scheduleParams = { ...body.scheduleParams, startTime: Math.floor(now / 1000) + 3600 };
	delete body.scheduleParams.endTime;
	const ending = await client.create('/flows', body);
	now += 170 * DAY;
	await client.login(); // tokens last a day
	const fresh = await s3DatasetConnections(client);
	const recentBody = flowBody(fresh, 'Created today');
	recentBody.scheduleParams = { ...recentBody.scheduleParams, startTime: Math.floor(now / 1000) + 3600 };
	delete recentBody.scheduleParams.endTime;
	await client.create('/flows', recentBody);

	// The node reads the date from the clock the simulation runs on.
	freezeDate(new Date(now).toISOString());
	const result = await runWorkflow({ ...example('keep-dataset-exports-alive.json'), credentials: credentials() });

	expect(result.error('AEP Extend End Time')).toBeUndefined();
	expect(result.output('AEP Dataflows Ending Soon').map((item) => item.json.id)).toEqual([ending.id]);
	const [extended] = result.output('AEP Extend End Time').map((item) => item.json);
	const sixMonths = new Date(now);
	sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
	expect(extended).toMatchObject({ id: ending.id, endsBy: 'endTime', endsAt: sixMonths.toISOString(), previousEndsAt: '2027-07-10T00:00:00.000Z' });
	expect((await client.flow(ending.id)).scheduleParams.endTime).toBe(sixMonths.getTime() / 1000);
});
