/**
 * What the tests of the simulated edge share (gateway*.test.ts): one simulation per test file on a
 * clock the tests move (tokens last an hour), reset before each test with a freshly logged-in client.
 */
import type { Simulation } from '../../sim/index';
import { FlowClient, allowOnlyLocalhost, http, startTestSimulation } from './helpers';

/** The simulation's clock; moved by advanceClock (imports see the assignment). */
let now = Date.UTC(2025, 5, 1, 12, 0, 0);
/** Set by useGatewaySimulation's hooks before the tests run (imports see the assignment). */
export let sim: Simulation;
export let client: FlowClient;

export function advanceClock(ms: number) {
	now += ms;
}

/** Starts the simulation for the calling test file; resets it and logs a client in before each test. */
export function useGatewaySimulation() {
	allowOnlyLocalhost();
	beforeAll(async () => {
		sim = await startTestSimulation({ clock: () => now, tokenLifetimeSeconds: 3600 });
	});
	beforeEach(async () => {
		await http(`${sim.url}/__sim/reset`, { method: 'POST' });
		client = await new FlowClient(sim).login();
	});
	afterAll(async () => await sim.close());
}

export const keysOf = (value: object) => Object.keys(value).sort();
export const GET_SPECS = '/connectionSpecs';
