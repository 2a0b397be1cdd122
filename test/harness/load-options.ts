/**
 * Runs a node's listSearch / loadOptions / resourceMapping methods the way n8n's dynamic node
 * parameters service does: a one-node workflow whose node holds the current parameters and
 * credentials, and n8n-core's real LoadOptionsContext (no execution ID, so nothing is cached
 * across calls). Also runs node-level credential tests (`testedBy`) the way n8n's credentials
 * tester does, with n8n-core's CredentialTestContext.
 */
import { CredentialTestContext, LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeCredentials,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ConnectionSpec } from '../../nodes/shared/catalogue';
import { flowService } from './aep';
import type { TestCredentialsHelper } from './credentials';
import { INSTANCE_URLS, PACKAGE_NAME, loadPackage, nodeTypes } from './engine';

export interface DynamicParametersRequest {
	/** Node name without the package prefix, e.g. `adobeCreateTargetConnection`. */
	nodeType: string;
	/** The node's current parameters, as the editor sends them. */
	parameters: INodeParameters;
	credentials: TestCredentialsHelper;
	/** Credentials attached to the node; default the AEP credential `aep-1`. */
	nodeCredentials?: INodeCredentials;
	/** Path of the parameter asking, e.g. `parameters.targetParameters`. */
	path?: string;
}

function context(request: DynamicParametersRequest): LoadOptionsContext {
	const type = `${PACKAGE_NAME}.${request.nodeType}`;
	const node: INode = {
		id: 'temp-node',
		name: 'Temp-Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: request.parameters,
		credentials: request.nodeCredentials ?? { aepPlatformApi: { id: 'aep-1', name: 'AEP' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes() });
	const additionalData = {
		credentialsHelper: request.credentials,
		currentNodeParameters: request.parameters,
		...INSTANCE_URLS,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, workflow.getNode('Temp-Node')!, additionalData, request.path ?? 'parameters');
}

function methodsOf(nodeType: string) {
	const node = loadPackage().nodes.get(`${PACKAGE_NAME}.${nodeType}`);
	if (!node?.methods) throw new Error(`node ${nodeType} has no methods`);
	return node.methods;
}

export async function loadOptions(method: string, request: DynamicParametersRequest): Promise<INodePropertyOptions[]> {
	const fn = methodsOf(request.nodeType).loadOptions?.[method];
	if (!fn) throw new Error(`${request.nodeType} has no loadOptions method ${method}`);
	return await fn.call(context(request));
}

export async function listSearch(
	method: string,
	request: DynamicParametersRequest,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const fn = methodsOf(request.nodeType).listSearch?.[method];
	if (!fn) throw new Error(`${request.nodeType} has no listSearch method ${method}`);
	return await fn.call(context(request), filter, paginationToken);
}

export async function resourceMapping(method: string, request: DynamicParametersRequest): Promise<ResourceMapperFields> {
	const fn = methodsOf(request.nodeType).resourceMapping?.[method];
	if (!fn) throw new Error(`${request.nodeType} has no resourceMapping method ${method}`);
	return await fn.call(context(request));
}

/**
 * Tests a credential through the node that declares `testedBy` for it, as n8n's credentials tester
 * does when a credential type has no `test` request of its own.
 */
export async function testCredentialByNode(
	nodeType: string,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const node = loadPackage().nodes.get(`${PACKAGE_NAME}.${nodeType}`)!;
	const declared = node.description.credentials?.find((credential) => credential.name === credentialType);
	if (typeof declared?.testedBy !== 'string') throw new Error(`${nodeType} does not test ${credentialType}`);
	const fn = node.methods?.credentialTest?.[declared.testedBy];
	if (!fn) throw new Error(`${nodeType} has no credential test ${declared.testedBy}`);
	return await fn.call(new CredentialTestContext(), { id: 'test', name: 'Test', type: credentialType, data });
}

// ---- The live catalogue as the fixtures give it (test/fixtures/README.md), for the connection nodes' tests.

export const DESTINATION_SLUGS = [
	'amazon-s3',
	'azure-blob',
	'adls-gen2',
	'data-landing-zone',
	'google-cloud-storage',
	'sftp',
] as const;
export type DestinationSlug = (typeof DESTINATION_SLUGS)[number];

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A fresh copy of a fixture file, e.g. `seed-examples/000-base-connection-amazon-s3.request.json`. */
export function fixture<T = IDataObject>(relative: string): T {
	return JSON.parse(readFileSync(path.join(FIXTURES, relative), 'utf8')) as T;
}

/** The Destination locator as the editor saves a destination picked from the list. */
export function destinationPicked(spec: ConnectionSpec) {
	return { __rl: true, mode: 'list', value: spec.id, cachedResultName: spec.name };
}

export function connectionSpecFixture(slug: DestinationSlug): ConnectionSpec {
	return fixture<ConnectionSpec>(`connectionSpecs/${slug}.json`);
}

/** GET /connectionSpecs/{id} answers `{items: [spec]}`. */
export function expectConnectionSpec(spec: ConnectionSpec, times = 1) {
	return flowService().get(`/connectionSpecs/${spec.id}`).times(times).reply(200, { items: [spec] });
}

export function expectFlowSpecs(times = 1) {
	return flowService().get('/flowSpecs').query({ limit: '100' }).times(times).reply(200, fixture('flowSpecs-list.json'));
}

export function expectConnectionSpecs(times = 1) {
	return flowService()
		.get('/connectionSpecs')
		.query({ limit: '100' })
		.times(times)
		.reply(200, fixture('connectionSpecs-list.json'));
}

/** Replaces the seeds' placeholders (`<Add secret key>`) with test values, everywhere in a body. */
export function fillPlaceholders<T>(body: T, values: Record<string, unknown>): T {
	const fill = (value: unknown): unknown => {
		if (typeof value === 'string' && value in values) return values[value];
		if (Array.isArray(value)) return value.map(fill);
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]));
		}
		return value;
	};
	return fill(body) as T;
}
