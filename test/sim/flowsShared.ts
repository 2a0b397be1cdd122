/**
 * What the dataflow tests of the simulation share (flow*.test.ts): one simulation per test file on a
 * clock the tests move, reset before each test with a freshly logged-in client, and the dataflows
 * they build from Adobe's seed bodies.
 */
import type { Simulation } from '../../sim/index';
import {
	FLOW_SPEC,
	FlowClient,
	SANDBOX,
	allowOnlyLocalhost,
	fillPlaceholders,
	http,
	seed,
	startTestSimulation,
} from './helpers';

export const HOUR = 3_600_000;
export const START = Date.UTC(2025, 0, 15, 9, 0, 0);
/** The simulation's clock; set by the hooks and by advanceClock (imports see the assignment). */
export let now = START;
export let sim: Simulation;
export let client: FlowClient;

export function advanceClock(ms: number) {
	now += ms;
}

/** Starts the simulation on the test clock for the calling test file; resets it before each test. */
export function useFlowSimulation() {
	allowOnlyLocalhost();
	beforeAll(async () => {
		sim = await startTestSimulation({ clock: () => now });
	});
	beforeEach(async () => {
		now = START;
		await http(`${sim.url}/__sim/reset`, { method: 'POST' });
		client = await new FlowClient(sim).login();
	});
	afterAll(async () => await sim.close());
}

/** An S3 dataset dataflow from seed 000's bodies; `now` moves on a minute per flow. */
export async function datasetFlow(name: string, sandbox = SANDBOX) {
	advanceClock(60_000);
	const source = await client.create('/sourceConnections', seed('000-source-connection.request.json'), sandbox);
	const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')), sandbox);
	const target = await client.create(
		'/targetConnections',
		fillPlaceholders(seed('000-target-connection-amazon-s3.request.json'), { '<FROM_STEP_CREATE_TARGET_BASE_CONNECTION>': base.id }),
		sandbox,
	);
	const body = fillPlaceholders(seed<any>('000-dataflow-amazon-s3.request.json'), {
		'<FROM_STEP_CREATE_SOURCE_CONNECTION>': source.id,
		'<FROM_STEP_CREATE_TARGET_CONNECTION>': target.id,
	});
	const flow = await client.create('/flows', { ...body, name }, sandbox);
	return { ...flow, sourceId: source.id, targetId: target.id, baseId: base.id };
}

/** An S3 audience dataflow with three audiences A, B, C (seed 004 bodies). */
export async function audienceFlow(name = 'audiences') {
	const source = await client.create('/sourceConnections', seed('004-source-connection.request.json'));
	const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')));
	const target = await client.create(
		'/targetConnections',
		fillPlaceholders(seed('004-target-connection-amazon-s3-csv.request.json'), { '<FROM_STEP_CREATE_BASE_CONNECTION>': base.id }),
	);
	const body = fillPlaceholders(seed<any>('004-dataflow-azure-blob.request.json'), {
		'<FROM_STEP_CREATE_SOURCE_CONNECTION>': source.id,
		'<FROM_STEP_CREATE_TARGET_CONNECTION>': target.id,
	});
	body.transformations[0].params.segmentSelectors.selectors = ['A', 'B', 'C'].map((id) => ({ type: 'PLATFORM_SEGMENT', value: { id } }));
	return await client.create('/flows', { ...body, name, flowSpec: { id: FLOW_SPEC.s3Audiences, version: '1.0' } });
}

export const segmentIds = (flow: any) => flow.transformations[0].params.segmentSelectors.selectors.map((s: any) => s.value.id);
