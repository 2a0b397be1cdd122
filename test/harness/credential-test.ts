import type {
	ICredentialTestRequest,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import { chain, loadPackage, nodeTypes, runWorkflow } from './engine';

/**
 * Runs a credential type's `test` request the way n8n's credential tester does: preAuthentication
 * first, then the request with the credential's authentication; the answer is OK or the error text.
 */
export class HarnessCredentialTest implements INodeType {
	static readonly type = 'harness.credentialTest';

	description: INodeTypeDescription = {
		displayName: 'Credential Test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: 'Sends a credential test request',
		defaults: { name: 'Credential Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'adobeExperiencePlatformApi', required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			await this.helpers.httpRequestWithAuthentication.call(this, 'adobeExperiencePlatformApi', {
				method: this.getNodeParameter('method', 0) as IHttpRequestMethods,
				url: this.getNodeParameter('url', 0) as string,
				json: true,
			});
			return [[{ json: { status: 'OK', message: 'Connection successful!' }, pairedItem: { item: 0 } }]];
		} catch (error) {
			const e = error as Error & { cause?: Error };
			return [[{ json: { status: 'Error', message: e.message }, pairedItem: { item: 0 } }]];
		}
	}
}

export async function testCredential(credentials: TestCredentialsHelper, id = 'aep-1') {
	const type = loadPackage().credentials.get('adobeExperiencePlatformApi')!;
	const request = (type.test as ICredentialTestRequest).request;
	const data = await credentials.getDecrypted({} as never, { id, name: 'AEP' }, 'adobeExperiencePlatformApi');
	const { nodes, connections } = chain([
		{ name: 'Test', type: HarnessCredentialTest.type, parameters: {} },
	], id);
	// Resolve the test request's expressions against the credential, as n8n does.
	const workflow = new Workflow({ nodes, connections, active: false, nodeTypes: nodeTypes() });
	const resolve = (value: string | undefined) =>
		String(
			workflow.expression.getSimpleParameterValue(nodes[1], value ?? '', 'internal', { $credentials: data } as never, undefined, ''),
		);
	nodes[1].parameters = { url: `${resolve(request.baseURL)}${request.url}`, method: request.method ?? 'GET' };
	const result = await runWorkflow({ nodes, connections, credentials });
	return result.output('Test')[0].json as { status: string; message: string };
}
