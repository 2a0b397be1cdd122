/**
 * The package's real credential and transport against the simulation, through n8n's engine: what a
 * user gets when they point the credential's advanced URLs at `npm run sim`.
 */
import type { Simulation } from '../../sim/index';
import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { aepCredentialData, aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { aepOperation } from '../harness/nodes';
import { DATA_LAKE, FLOW, allowOnlyLocalhost, http, startTestSimulation } from './helpers';

allowOnlyLocalhost();

const CONFIGS = `${FLOW}/connectionSpecs/${DATA_LAKE}/configs`;
const { clientId, clientSecret } = aepCredentialData() as { clientId: string; clientSecret: string };
let sim: Simulation;
let restoreRetries: ReturnType<typeof setRetryPolicy>;

beforeAll(async () => {
	restoreRetries = setRetryPolicy({ baseDelayMs: 1 });
	sim = await startTestSimulation({ clientId, clientSecret });
});
beforeEach(async () => {
	await http(`${sim.url}/__sim/reset`, { method: 'POST' });
});
afterAll(async () => {
	setRetryPolicy(restoreRetries);
	await sim.close();
});

function credentialsForSimulation() {
	return aepCredentials({ showAdvanced: true, imsTokenUrl: sim.imsTokenUrl, gatewayUrl: sim.gatewayUrl });
}

const listAllDatasets = chain([{ name: 'Datasets', type: aepOperation('dataset', 'list'), parameters: { returnAll: true } }]);

/** What the simulation saw, without the volatile parts. */
const seen = () => sim.state.requests.map(({ method, path, query, status }) => ({ method, path, query, status }));

describe('the credential and transport against the simulation', () => {
	it('fetches a token once and pages every eligible dataset', async () => {
		const result = await runWorkflow({ ...listAllDatasets, credentials: credentialsForSimulation() });
		expect(result.output('Datasets')).toHaveLength(149);
		expect(result.output('Datasets')[0].json).toMatchObject({ id: '5ef3e324052581191aa6a466', name: 'AAM Authenticated Profiles Meta Data' });
		expect(seen()).toEqual([
			{ method: 'POST', path: '/ims/token/v3', query: {}, status: 200 },
			{ method: 'GET', path: CONFIGS, query: { outputType: 'activationDatasets', outputField: 'datasets', start: '0', limit: '100' }, status: 200 },
			{ method: 'GET', path: CONFIGS, query: { outputType: 'activationDatasets', outputField: 'datasets', start: '100', limit: '100' }, status: 200 },
		]);
	});

	it('fetches a new token when the simulation expires them, and waits out a 429', async () => {
		const credentials = credentialsForSimulation();
		await runWorkflow({ ...listAllDatasets, credentials });
		await http(`${sim.url}/__sim/requests`, { method: 'DELETE' });
		sim.faults.expireTokens();
		sim.faults.throttle({ count: 1, retryAfterSeconds: 0, pathPrefix: '/connectionSpecs' });

		const result = await runWorkflow({ ...listAllDatasets, credentials });
		expect(result.output('Datasets')).toHaveLength(149);
		const query = { outputType: 'activationDatasets', outputField: 'datasets', start: '0', limit: '100' };
		// The run's headers carry the expired token (401); the request then goes through n8n, which
		// sends the token it holds (the same, 401), refreshes it and repeats the request.
		expect(seen().slice(0, 5)).toEqual([
			{ method: 'GET', path: CONFIGS, query, status: 429 },
			{ method: 'GET', path: CONFIGS, query, status: 401 },
			{ method: 'GET', path: CONFIGS, query, status: 401 },
			{ method: 'POST', path: '/ims/token/v3', query: {}, status: 200 },
			{ method: 'GET', path: CONFIGS, query, status: 200 },
		]);
	});

	it('reports a wrong secret in IMS\'s own words, without the secret', async () => {
		const result = await runWorkflow({
			...listAllDatasets,
			credentials: aepCredentials({ showAdvanced: true, imsTokenUrl: sim.imsTokenUrl, gatewayUrl: sim.gatewayUrl, clientSecret: 'not-the-secret' }),
		});
		const error = result.error('Datasets');
		expect(String(error?.message)).toContain('invalid client_secret parameter');
		expect(JSON.stringify(error)).not.toContain('not-the-secret');
	});
});
