/**
 * What the tests of the simulation against Adobe's own examples share (examples*.test.ts): one
 * simulation and a logged-in client per test file, and the readers of the OpenAPI response examples.
 *
 * Those tests keep the simulation from drifting into agreeing with our bugs: every OpenAPI request
 * example and every seed request body is POSTed/PATCHed for real, and the answers are compared with
 * the OpenAPI response examples' keys.
 *
 * Adobe's examples are not self-consistent; what these tests had to accept (also in sim/README.md):
 * - placeholders (`<Add secret key>`, `{FLOW_SPEC_ID}`, `<FROM_STEP_…>`) and IDs of resources that
 *   exist only in Adobe's sandbox are replaced by valid values / resources created here first;
 * - the OpenAPI Data Lake source example exports datasets that are in no dataset listing: they are
 *   registered with `POST /__sim/datasets` first;
 * - where an example contradicts the catalogue (seed 004's CSV targets without the required
 *   `container`/`remotePath`, seed 004's audience flows on the dataset flow specs of ADLS/DLZ/GCS),
 *   the simulation follows the catalogue and the test pins the rejection and its reason.
 */
import type { Simulation } from '../../sim/index';
import { FlowClient, SPEC, allowOnlyLocalhost, readFixture, startTestSimulation } from './helpers';

/** Set by useExampleSimulation's hooks before the tests run (imports see the assignment). */
export let sim: Simulation;
export let client: FlowClient;

/** Starts the simulation and logs a client in for the calling test file; stops it afterwards. */
export function useExampleSimulation() {
	allowOnlyLocalhost();
	beforeAll(async () => {
		// Completed runs only, so lastRunDetails has every key of the API reference's flows.
		sim = await startTestSimulation({ initialRuns: ['failed', 'success'] });
		client = await new FlowClient(sim).login();
	});
	afterAll(async () => await sim.close());
}

export const sorted = (keys: string[]) => [...keys].sort();
export const keysOf = (value: object) => sorted(Object.keys(value));
export const withoutKeys = (keys: string[], drop: string[]) => keys.filter((key) => !drop.includes(key));

interface EntityExamples {
	operations: Record<string, { responses: Record<string, Record<string, any>> }>;
}
const entityExamples = readFixture<EntityExamples>('openapi', 'entity-responses.json').operations;
export const example200 = (operation: string, name: string) => entityExamples[operation].responses['200'][name];

export const DESTINATIONS = [
	{ slug: 'amazon-s3', spec: SPEC.s3, bases: ['amazon-s3'] },
	{ slug: 'azure-blob', spec: SPEC.blob, bases: ['azure-blob'] },
	{ slug: 'adls-gen2', spec: SPEC.adls, bases: ['adls-gen2'] },
	{ slug: 'data-landing-zone', spec: SPEC.dlz, bases: ['data-landing-zone'] },
	{ slug: 'google-cloud-storage', spec: SPEC.gcs, bases: ['google-cloud-storage'] },
	{ slug: 'sftp', spec: SPEC.sftp, bases: ['sftp-password', 'sftp-ssh-key'] },
];
