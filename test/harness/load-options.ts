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

import type { TestCredentialsHelper } from './credentials';
import { INSTANCE_URLS, PACKAGE_NAME, loadPackage, nodeTypes } from './engine';
import type { OperationAddress } from './nodes';
import { addressed } from './nodes';

export interface DynamicParametersRequest {
	/** The operation, e.g. `aepOperation('targetConnection', 'create')`, or a node name without the package prefix. */
	nodeType: string | OperationAddress;
	/** The node's current parameters, as the editor sends them. */
	parameters: INodeParameters;
	credentials: TestCredentialsHelper;
	/** Credentials attached to the node; default the AEP credential `aep-1`. */
	nodeCredentials?: INodeCredentials;
	/** Path of the parameter asking, e.g. `parameters.targetParameters`. */
	path?: string;
	/** The node's version; default 1. */
	typeVersion?: number;
}

function context(request: DynamicParametersRequest): LoadOptionsContext {
	const { type: name, parameters } = addressed(request.nodeType, request.parameters);
	const type = `${PACKAGE_NAME}.${name}`;
	const node: INode = {
		id: 'temp-node',
		name: 'Temp-Node',
		type,
		typeVersion: request.typeVersion ?? 1,
		position: [0, 0],
		parameters,
		credentials: request.nodeCredentials ?? { aepPlatformApi: { id: 'aep-1', name: 'AEP' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes() });
	const additionalData = {
		credentialsHelper: request.credentials,
		currentNodeParameters: parameters,
		...INSTANCE_URLS,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, workflow.getNode('Temp-Node')!, additionalData, request.path ?? 'parameters');
}

function methodsOf(address: string | OperationAddress) {
	const nodeType = addressed(address, {}).type;
	const node = loadPackage().nodes.get(`${PACKAGE_NAME}.${nodeType}`);
	if (!node?.methods) throw new Error(`node ${nodeType} has no methods`);
	return node.methods;
}

export async function loadOptions(method: string, request: DynamicParametersRequest): Promise<INodePropertyOptions[]> {
	const fn = methodsOf(request.nodeType).loadOptions?.[method];
	if (!fn) throw new Error(`${JSON.stringify(request.nodeType)} has no loadOptions method ${method}`);
	return await fn.call(context(request));
}

export async function listSearch(
	method: string,
	request: DynamicParametersRequest,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const fn = methodsOf(request.nodeType).listSearch?.[method];
	if (!fn) throw new Error(`${JSON.stringify(request.nodeType)} has no listSearch method ${method}`);
	return await fn.call(context(request), filter, paginationToken);
}

export async function resourceMapping(method: string, request: DynamicParametersRequest): Promise<ResourceMapperFields> {
	const fn = methodsOf(request.nodeType).resourceMapping?.[method];
	if (!fn) throw new Error(`${JSON.stringify(request.nodeType)} has no resourceMapping method ${method}`);
	return await fn.call(context(request));
}

/**
 * Tests a credential through the node that declares `testedBy` for it, as n8n's credentials tester
 * does when a credential type has no `test` request of its own.
 */
export async function testCredentialByNode(
	address: string | OperationAddress,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const nodeType = addressed(address, {}).type;
	const node = loadPackage().nodes.get(`${PACKAGE_NAME}.${nodeType}`)!;
	const declared = node.description.credentials?.find((credential) => credential.name === credentialType);
	if (typeof declared?.testedBy !== 'string') throw new Error(`${nodeType} does not test ${credentialType}`);
	const fn = node.methods?.credentialTest?.[declared.testedBy];
	if (!fn) throw new Error(`${nodeType} has no credential test ${declared.testedBy}`);
	return await fn.call(new CredentialTestContext(), { id: 'test', name: 'Test', type: credentialType, data });
}
