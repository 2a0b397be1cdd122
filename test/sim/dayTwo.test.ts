/**
 * Day-two operations chained through n8n's engine against the simulation: create a dataflow, export
 * it now and wait for the run; create one and delete it with its connections, in Adobe's order.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulation } from '../../sim/index';
import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { aepCredentialData, aepCredentials, TestCredentialsHelper } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { aepOperation } from '../harness/nodes';
import { CLIENT_ID, CLIENT_SECRET, FLOW, FLOW_SPEC, FlowClient, allowOnlyLocalhost, fillPlaceholders, http, seed, startTestSimulation } from './helpers';
import { s3DatasetConnections } from './s3Connections';

/** The dataflow ID from the incoming item, as Create Dataflow outputs it (dataflow locators default to the list). */
const FROM_INPUT = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

allowOnlyLocalhost();

const S3 = '4fce964d-3f37-408f-9778-e597338a21ee';
const AUDIENCES = ['db8961e9-d52f-45bc-b3fb-76d0382a6851', '3a1b2c3d-4e5f-6789-abcd-ef0123456789'];
let sim: Simulation;
let client: FlowClient;
let restoreRetries: ReturnType<typeof setRetryPolicy>;

beforeAll(async () => {
	restoreRetries = setRetryPolicy({ baseDelayMs: 1 });
	sim = await startTestSimulation({ initialRuns: [] });
});
beforeEach(async () => {
	await http(`${sim.url}/__sim/reset`, { method: 'POST' });
	client = await new FlowClient(sim).login();
});
afterAll(async () => {
	setRetryPolicy(restoreRetries);
	await sim.close();
});

const credentials = () =>
	aepCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, showAdvanced: true, imsTokenUrl: sim.imsTokenUrl, gatewayUrl: sim.gatewayUrl });

function createDataflowNode(ids: { sourceId: string; targetId: string }) {
	return {
		name: 'Create',
		type: aepOperation('dataflow', 'create'),
		parameters: {
			exportType: 'datasets',
			destination: { __rl: true, mode: 'id', value: S3 },
			sourceConnection: { __rl: true, mode: 'id', value: ids.sourceId },
			targetConnection: { __rl: true, mode: 'id', value: ids.targetId },
			name: 'Day-two test pipeline',
			frequency: 'hour:3',
		} as IDataObject,
	};
}

const seen = (method: string) => sim.state.requests.filter((entry) => entry.method === method).map((entry) => `${entry.method} ${entry.path} ${entry.status}`);

describe('create → export now → wait → summary', () => {
	test('a new dataset dataflow: its datasets exported now, the run waited for, Get Runs’ summary out', async () => {
		const ids = await s3DatasetConnections(client);
		const result = await runWorkflow({
			...chain([
				createDataflowNode(ids),
				{
					name: 'Export',
					type: aepOperation('dataflow', 'exportNow'),
					// The dataflow Create output (the form's default is the list).
					parameters: { dataflow: FROM_INPUT, waitForRuns: true, options: { pollIntervalSeconds: 1, timeoutSeconds: 60 } },
				},
			]),
			credentials: credentials(),
		});

		expect(result.error('Create')).toBeUndefined();
		expect(result.error('Export')).toBeUndefined();
		const created = result.output('Create')[0].json;
		expect(created).toMatchObject({ created: true, endsBy: 'sixMonthsAfterCreation' });
		const items = result.output('Export').map((item) => item.json);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ flowId: created.id, exportType: 'datasets', status: 'success', finished: true, timedOut: false });
		expect(seen('POST').filter((line) => line.includes('adhocrun'))).toEqual(['POST /data/core/activation/disflowprovider/adhocrun 200']);
	});

	test('an audience dataflow: every audience in one v2 job, one summary per run; a second export while running is refused', async () => {
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
		body.transformations[0].params.segmentSelectors.selectors = AUDIENCES.map((id) => ({ type: 'PLATFORM_SEGMENT', value: { id } }));
		const flow = await client.create('/flows', { ...body, name: 'audiences', flowSpec: { id: FLOW_SPEC.s3Audiences, version: '1.0' } });
		const exportNow = (wait: boolean) =>
			chain([{ name: 'Export', type: aepOperation('dataflow', 'exportNow'), parameters: { dataflow: { __rl: true, mode: 'id', value: flow.id }, waitForRuns: wait, options: { pollIntervalSeconds: 1 } } }]);

		const started = await runWorkflow({ ...exportNow(false), credentials: credentials() });
		expect(started.output('Export').map((item) => item.json.exported)).toEqual(AUDIENCES);

		const refused = await runWorkflow({ ...exportNow(false), credentials: credentials() });
		expect(refused.error('Export')?.message).toMatch(/^An export of this audience is already running for this dataflow: AEP answered "Run already going on for audience /);
	});
});

describe('create → delete with cascade → everything gone, in order', () => {
	test('dataflow, target, source, base connection: deleted in that order, each then answers 404', async () => {
		const fresh = await s3DatasetConnections(client);
		const result = await runWorkflow({
			...chain([
				createDataflowNode(fresh),
				{ name: 'Delete', type: aepOperation('dataflow', 'delete'), parameters: { dataflow: FROM_INPUT, deleteConnections: true, deleteBaseConnections: true } },
			]),
			credentials: credentials(),
		});

		expect(result.error('Delete')).toBeUndefined();
		const flowId = String(result.output('Create')[0].json.id);
		expect(result.output('Delete')[0].json).toEqual({
			deleted: true,
			id: flowId,
			deletedTargetConnections: [fresh.targetId],
			deletedSourceConnections: [fresh.sourceId],
			deletedBaseConnections: [fresh.baseId],
			kept: [],
		});
		expect(seen('DELETE')).toEqual([
			`DELETE ${FLOW}/flows/${flowId} 202`,
			`DELETE ${FLOW}/targetConnections/${fresh.targetId} 202`,
			`DELETE ${FLOW}/sourceConnections/${fresh.sourceId} 202`,
			`DELETE ${FLOW}/connections/${fresh.baseId} 202`,
		]);
		for (const path of [`/flows/${flowId}`, `/targetConnections/${fresh.targetId}`, `/sourceConnections/${fresh.sourceId}`, `/connections/${fresh.baseId}`]) {
			expect((await client.get(path)).status).toBe(404);
		}
	});

	test('the simulation refuses to delete a base connection a dataflow uses, as Adobe does', async () => {
		const ids = await s3DatasetConnections(client);
		const body = fillPlaceholders(seed<any>('000-dataflow-amazon-s3.request.json'), {
			'<FROM_STEP_CREATE_SOURCE_CONNECTION>': ids.sourceId,
			'<FROM_STEP_CREATE_TARGET_CONNECTION>': ids.targetId,
		});
		const flow = await client.create('/flows', body);
		const answer = await client.call('DELETE', `/connections/${ids.baseId}`);
		expect(answer.status).toBe(400);
		expect(answer.body.errorMessage).toBe(`connections with id = [${ids.baseId}] is used by dataflow(s) ${flow.id}: delete the dataflows first`);
	});
});

describe('change a destination: rotate keys, move the export', () => {
	test('Update Credentials and Target Connection → Update against the simulation’s etags and specs', async () => {
		const ids = await s3DatasetConnections(client);
		const credentialsWithKeys = new TestCredentialsHelper({
			'aep-1': {
				type: 'aepPlatformApi',
				data: aepCredentialData({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, showAdvanced: true, imsTokenUrl: sim.imsTokenUrl, gatewayUrl: sim.gatewayUrl }),
			},
			'storage-1': { type: 'aepAmazonS3AccessKeyApi', data: { accessKeyId: 'AKIAIOSFODNN7ROTATED', secretAccessKey: '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' } },
		});
		const built = chain([
			{ name: 'Rotate', type: aepOperation('baseConnection', 'updateCredentials'), parameters: { connection: { __rl: true, mode: 'id', value: ids.baseId }, storageCredential: 'aepAmazonS3AccessKeyApi' } },
			{ name: 'Move', type: aepOperation('targetConnection', 'update'), parameters: { connection: { __rl: true, mode: 'id', value: ids.targetId }, updateFields: { bucketName: 'moved-bucket', path: 'moved/path' } } },
		]);
		built.nodes[1].credentials = { ...built.nodes[1].credentials, aepAmazonS3AccessKeyApi: { id: 'storage-1', name: 'Storage' } };

		const result = await runWorkflow({ ...built, credentials: credentialsWithKeys });

		expect(result.error('Rotate')).toBeUndefined();
		expect(result.error('Move')).toBeUndefined();
		expect(result.output('Rotate')[0].json).toMatchObject({ id: ids.baseId, updated: ['/auth/params'], attempts: 1 });
		const base = (await client.get(`/connections/${ids.baseId}`)).body.items[0];
		expect(base.auth.params.s3AccessKey).toBe('AKIAIOSFODNN7ROTATED');
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('ROTATEDKEY');
		const target = (await client.get(`/targetConnections/${ids.targetId}`)).body.items[0];
		expect(target.params).toMatchObject({ bucketName: 'moved-bucket', path: 'moved/path' });
		expect(seen('PATCH')).toEqual([`PATCH ${FLOW}/connections/${ids.baseId} 200`, `PATCH ${FLOW}/targetConnections/${ids.targetId} 200`]);
	});
});

describe('audiences from the simulated Segmentation service', () => {
	test('Audience → Get Many reads every page; name contains narrows them', async () => {
		const all = await runWorkflow({ ...chain([{ name: 'Audiences', type: aepOperation('audience', 'getAll'), parameters: { returnAll: true } }]), credentials: credentials() });
		expect(all.output('Audiences')).toHaveLength(120);
		const some = await runWorkflow({
			...chain([{ name: 'Audiences', type: aepOperation('audience', 'getAll'), parameters: { returnAll: true, nameContains: 'NEWSLETTER' } }]),
			credentials: credentials(),
		});
		expect(some.output('Audiences').map((item) => item.json.id)).toEqual([AUDIENCES[1]]);
		expect(seen('GET').filter((line) => line.includes('audiences'))).toEqual([
			'GET /data/core/ups/audiences 200',
			'GET /data/core/ups/audiences 200',
			'GET /data/core/ups/audiences 200',
			'GET /data/core/ups/audiences 200',
		]);
	});
});

describe('the simulated Data Landing Zone', () => {
	test('List Files then Download File: every file, as binary data, through the SAS credential', async () => {
		const result = await runWorkflow({
			...chain([
				{ name: 'List', type: aepOperation('dataLandingZone', 'listFiles'), parameters: { returnAll: true, prefix: '5ba9452c' } },
				{ name: 'Download', type: aepOperation('dataLandingZone', 'downloadFile'), parameters: { binaryPropertyName: 'data' } },
			]),
			credentials: credentials(),
		});

		expect(result.error('Download')).toBeUndefined();
		const listed = result.output('List').map((item) => item.json);
		expect(listed).toHaveLength(1);
		expect(String(listed[0].name)).toMatch(/^5ba9452c7bc8e0000061c4ba\/exportTime=\d{12}\/part-00001\.json$/);
		const [file] = result.output('Download');
		expect(Buffer.from(file.binary!.data.data, 'base64').toString('utf8')).toBe('{"datasetId":"5ba9452c7bc8e0000061c4ba","row":1}\n');
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('sig=');
	});
});
