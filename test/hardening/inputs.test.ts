/**
 * Bad input refused before any request, enumeration filters read as what they are, and a wait
 * that keeps to its own timeout when AEP is slow.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, continuationPage, expectTokenRequest, flowService, resetNock } from '../harness/aep';
import { freezeDate } from '../harness/clock';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { aepOperation } from '../harness/nodes';
import { EXAMPLE_FLOW_ID, expectDataflowRead, OPENAPI_FAILED_RUN, OPENAPI_SUCCESS_RUN, runningRun } from '../harness/runs';

function node(resource: string, operation: string, parameters: IDataObject, continueOnFail = false) {
	return chain([{ name: 'Node', type: aepOperation(resource, operation), parameters }], 'aep-1', { continueOnFail });
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

describe('refused before any request', () => {
	test.each([
		['sourceConnection', 'Source Connection', 'nothing'],
		['sourceConnection', 'Source Connection', '../flows'],
		['targetConnection', 'Target Connection', 'tc-1'],
		['flowSpec', 'Flow Spec', '{FLOW_SPEC_ID}'],
	])('Create Dataflow: %s "%s" that is not a UUID', async (parameter, label, value) => {
		freezeDate('2023-02-08T00:00:00Z');
		const token = expectTokenRequest();
		const parameters: IDataObject = {
			exportType: 'datasets',
			destination: { __rl: true, mode: 'list', value: '' },
			flowSpec: '269ba276-16fc-47db-92b0-c1049a3c131f',
			sourceConnection: { __rl: true, mode: 'id', value: '5e0b3a1c-0000-4000-8000-00000000005c' },
			targetConnection: { __rl: true, mode: 'id', value: '7a9d2b4e-0000-4000-8000-00000000007c' },
			name: 'x',
			frequency: 'once',
			startTime: '2023-02-09T00:06:50Z',
			[parameter]: parameter === 'flowSpec' ? value : { __rl: true, mode: 'id', value },
		};

		const result = await runWorkflow({ ...node('dataflow', 'create', parameters), credentials: aepCredentials() });

		expect(token.isDone()).toBe(false);
		expect(result.error('Node')!.message).toBe(
			parameter === 'flowSpec'
				? `Invalid Flow Spec: "${value}". Allowed: a flow spec picked from the list, or its ID (a UUID such as 269ba276-16fc-47db-92b0-c1049a3c131f).`
				: `Invalid ${label}: "${value}". Allowed: the ${label.toLowerCase()} ID (a UUID such as 12ab90c7-519c-4291-bd20-d64186b62da8), picked from the list or taken from an earlier node's output.`,
		);
	});

	test.each(['/id', '/state', '/flowSpec/id', '/etag', ''])('Patch Dataflow: a raw JSON Patch replacing "%s" is refused', async (path) => {
		const token = expectTokenRequest();
		const operations = { jsonPatch: [{ operations: JSON.stringify([{ op: 'replace', path, value: 'x' }]) }] };

		const result = await runWorkflow({
			...node('dataflow', 'patch', { dataflow: { __rl: true, mode: 'id', value: EXAMPLE_FLOW_ID }, operations }),
			credentials: aepCredentials(),
		});

		expect(token.isDone()).toBe(false);
		expect(result.error('Node')!.message).toBe(
			`JSON Patch 1: Invalid JSON Patch: ${path ? `"${path}"` : 'an empty value'}. Allowed: paths below /name, /description, /sourceConnectionIds, /targetConnectionIds, /transformations, /scheduleParams, /policy. "${path || '/'}" cannot be changed with a PATCH (enable or disable a dataflow with its State). Example: /scheduleParams/endTime.`,
		);
	});

	test.each(['ACTIVE', 'D'])('Dataset List: a State filter that is not offered ("%s") is refused', async (state) => {
		const token = expectTokenRequest();

		const result = await runWorkflow({
			...node('dataset', 'list', { returnAll: true, filters: { state } }),
			credentials: aepCredentials(),
		});

		expect(token.isDone()).toBe(false);
		expect(result.error('Node')!.message).toBe(
			`Invalid State: "${state}". Allowed: DRAFT, ENABLED, or empty for any state. Example: ENABLED.`,
		);
	});
});

describe('enumeration filters', () => {
	const runsQuery = { property: `flowId==${EXAMPLE_FLOW_ID}`, orderby: '-createdAt', limit: '100' };

	test('Get Runs: a status given as one string (an expression) is one status, not a list of characters', async () => {
		expectTokenRequest();
		// Get Runs reads the dataflow first (it exists, and its names go into the summaries).
		expectDataflowRead(EXAMPLE_FLOW_ID);
		flowService().get('/runs').query(runsQuery).reply(200, continuationPage([OPENAPI_SUCCESS_RUN, OPENAPI_FAILED_RUN]));

		const result = await runWorkflow({
			...node('run', 'getAll', {
				dataflow: { __rl: true, mode: 'id', value: EXAMPLE_FLOW_ID },
				returnAll: true,
				filters: { status: '={{ "failed" }}' },
			}),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.error('Node')).toBeUndefined();
		expect(result.output('Node').map((item) => item.json.status)).toEqual(['failed']);
	});

	test('Dataset List: the State filter ignores case', async () => {
		expectTokenRequest();
		flowService()
			.get('/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0/configs')
			.query(true)
			.reply(200, { items: [{ id: 'd1', name: 'a', state: 'DRAFT' }, { id: 'd2', name: 'b', state: 'ENABLED' }], pageInfo: { hasNext: false } });

		const result = await runWorkflow({
			...node('dataset', 'list', { returnAll: true, filters: { state: '={{ "enabled" }}' } }),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Node').map((item) => item.json.id)).toEqual(['d2']);
	});
});

test('Get Runs wait: a slow AEP does not stretch a 2 s timeout beyond one poll interval', async () => {
	expectTokenRequest();
	// Get Runs reads the dataflow first (it exists, and its names go into the summary).
	expectDataflowRead(EXAMPLE_FLOW_ID);
	flowService()
		.get('/runs')
		.query(true)
		.times(10)
		.delay(4000)
		.reply(200, continuationPage([runningRun({ id: 'r1', startedAt: 1659018529865 })]));
	const started = Date.now();

	const result = await runWorkflow({
		...node('run', 'getAll', {
			dataflow: { __rl: true, mode: 'id', value: EXAMPLE_FLOW_ID },
			waitForCompletion: true,
			runToWaitFor: 'newest',
			pollIntervalSeconds: 1,
			timeoutSeconds: 2,
			onTimeout: 'error',
		}),
		credentials: aepCredentials(),
	});

	const elapsed = Date.now() - started;
	nock.abortPendingRequests();
	expect(elapsed).toBeLessThan(2000 + 1000 + 500);
	expect(result.error('Node')!.message).toMatch(/^AEP GET \/runs: AEP did not answer within/);
});
