/**
 * The dataset export pipeline built by hand from n8n's HTTP Request node (4.2, from n8n-nodes-base
 * 2.41.1), the way a user copies Adobe's "Export datasets" tutorial: fetch a token, list the
 * datasets, then one POST per step with the tutorial's bodies. It does what ours does except
 * "Reuse it" (so a re-run creates everything again) and waiting for the run (one read instead).
 *
 * n8n-nodes-base is large (hundreds of MB with its dependencies), so it is not a devDependency:
 * the node is taken from the real n8n that the end-to-end tests install (`e2e/install-n8n.sh`, run
 * here when missing), or from another install prefix named by BENCH_DEPS.
 */
import type { IConnections, INode, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';

import { DATA_LAKE_SOURCE_SPEC_ID } from '../../nodes/AdobeExperiencePlatform/domain/constants';
import { loadPackage } from '../../test/harness/engine';
import { HarnessStart } from '../../test/harness/start-node';
import { PIPELINE_DATASET } from '../examplePipeline';

export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
const HTTP_REQUEST_VERSION = 4.2;
const S3_SPEC = '4fce964d-3f37-408f-9778-e597338a21ee';
const S3_DATASETS_FLOW_SPEC = '269ba276-16fc-47db-92b0-c1049a3c131f';

/** Where `e2e/install-n8n.sh` puts n8n (its defaults: n8n 2.41.1 on Node 24.21.0). */
const e2eN8nPrefix = () =>
	path.join(
		process.env.E2E_CACHE ?? path.join(homedir(), '.cache', 'aep-n8n-e2e'),
		`n8n-${process.env.E2E_N8N_VERSION ?? '2.41.1'}-node${process.env.E2E_NODE_VERSION ?? '24.21.0'}`,
	);
const depsPrefix = () => process.env.BENCH_DEPS ?? e2eN8nPrefix();
const httpRequestFile = () =>
	path.join(depsPrefix(), 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');

/** Registers the HTTP Request node with the harness; false when n8n-nodes-base is not installed. */
export function registerHttpRequestNode(): boolean {
	if (!existsSync(httpRequestFile()) && process.env.BENCH_DEPS === undefined) {
		// Idempotent and cached; prints its progress on stderr.
		execFileSync('bash', [path.join(__dirname, '..', '..', 'e2e', 'install-n8n.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
	}
	if (!existsSync(httpRequestFile())) return false;
	// Loaded from outside this package's node_modules, when installed there.
	const load = createRequire(__filename);
	const module = load(httpRequestFile()) as { HttpRequest: new () => IVersionedNodeType };
	const versioned = new module.HttpRequest();
	const nodes = loadPackage().nodes as Map<string, INodeType | IVersionedNodeType>;
	// The harness resolves types by name only: register the one version this pipeline uses.
	nodes.set(HTTP_REQUEST_TYPE, versioned.getNodeType(HTTP_REQUEST_VERSION));
	return true;
}

export interface HandBuiltSettings {
	imsTokenUrl: string;
	gatewayUrl: string;
	clientId: string;
	clientSecret: string;
	organizationId: string;
	sandboxName: string;
}

const pairs = (values: Record<string, string>) => ({
	parameters: Object.entries(values).map(([name, value]) => ({ name, value })),
});

export function handBuiltPipeline(settings: HandBuiltSettings): { nodes: INode[]; connections: IConnections } {
	const flowService = `${settings.gatewayUrl}/data/foundation/flowservice`;
	const headers = pairs({
		Authorization: "={{ 'Bearer ' + $('Token').first().json.access_token }}",
		'x-api-key': settings.clientId,
		'x-gw-ims-org-id': settings.organizationId,
		'x-sandbox-name': settings.sandboxName,
	});
	const post = (name: string, collection: string, body: string): [string, Record<string, unknown>] => [
		name,
		{ method: 'POST', url: `${flowService}${collection}`, sendHeaders: true, headerParameters: headers, sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: `={{ JSON.stringify(${body}) }}`, options: {} },
	];
	const steps: Array<[string, Record<string, unknown>]> = [
		['Token', { method: 'POST', url: settings.imsTokenUrl, sendBody: true, contentType: 'form-urlencoded', bodyParameters: pairs({ grant_type: 'client_credentials', client_id: settings.clientId, client_secret: settings.clientSecret, scope: 'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session' }), options: {} }],
		['Datasets', { method: 'GET', url: `${flowService}/connectionSpecs/${DATA_LAKE_SOURCE_SPEC_ID}/configs`, sendQuery: true, queryParameters: pairs({ outputType: 'activationDatasets', outputField: 'datasets', start: '0', limit: '100' }), sendHeaders: true, headerParameters: headers, options: {} }],
		post('Source Connection', '/sourceConnections', `(() => { const d = $json.items.find((x) => x.name === ${JSON.stringify(PIPELINE_DATASET)}); return { name: 'By hand: export of ' + d.name, connectionSpec: { id: '${DATA_LAKE_SOURCE_SPEC_ID}', version: '1.0' }, params: { datasets: [{ dataSetId: d.id, name: d.name }] } }; })()`),
		post('Base Connection', '/connections', `{ name: 'By hand: Amazon S3', auth: { specName: 'Access Key', params: { s3AccessKey: 'AKIAIOSFODNN7EXAMPLE', s3SecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } }, connectionSpec: { id: '${S3_SPEC}', version: '1.0' } }`),
		post('Target Connection', '/targetConnections', `{ name: 'By hand: Amazon S3 target', baseConnectionId: $json.id, params: { mode: 'Server-to-server', bucketName: 'my-aep-exports', path: 'datasets', compression: 'NONE', datasetFileType: 'JSON' }, connectionSpec: { id: '${S3_SPEC}', version: '1.0' } }`),
		post('Dataflow', '/flows', `{ name: $('Source Connection').first().json.id + ' export', flowSpec: { id: '${S3_DATASETS_FLOW_SPEC}', version: '1.0' }, sourceConnectionIds: [$('Source Connection').first().json.id], targetConnectionIds: [$json.id], transformations: [], scheduleParams: { interval: 3, timeUnit: 'hour', startTime: Math.floor(Date.now() / 1000) + 3600 } }`),
		['Runs', { method: 'GET', url: `${flowService}/runs`, sendQuery: true, queryParameters: pairs({ property: "={{ 'flowId==' + $json.id }}", orderby: '-createdAt', limit: '1' }), sendHeaders: true, headerParameters: headers, options: {} }],
	];
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: HarnessStart.type, typeVersion: 1, position: [0, 0], parameters: {} },
		...steps.map(([name, parameters], index): INode => ({
			id: `http-${index}`,
			name,
			type: HTTP_REQUEST_TYPE,
			typeVersion: HTTP_REQUEST_VERSION,
			position: [200 * (index + 1), 0],
			parameters: parameters as INode['parameters'],
		})),
	];
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}
