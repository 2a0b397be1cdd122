import type { ICredentialTestRequest } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import { chain, loadPackage, nodeTypes, runWorkflow } from './engine';
import { HarnessTransport } from './transport-node';

/**
 * Runs the credential type's `test` request the way n8n's credential tester does: preAuthentication
 * first, then the request with the credential's authentication; the answer is OK or the error text.
 */
export async function testCredential(credentials: TestCredentialsHelper, id = 'aep-1') {
	const type = loadPackage().credentials.get('aepPlatformApi')!;
	const request = (type.test as ICredentialTestRequest).request;
	const data = await credentials.getDecrypted({} as never, { id, name: 'AEP' }, 'aepPlatformApi');
	const { nodes, connections } = chain([{ name: 'Test', type: HarnessTransport.type, parameters: {} }], id);
	// Resolve the test request's expressions against the credential, as n8n does.
	const workflow = new Workflow({ nodes, connections, active: false, nodeTypes: nodeTypes() });
	const resolve = (value: string | undefined) =>
		String(
			workflow.expression.getSimpleParameterValue(nodes[1], value ?? '', 'internal', { $credentials: data } as never, undefined, ''),
		);
	nodes[1].parameters = {
		call: 'credentialTest',
		path: `${resolve(request.baseURL)}${request.url}`,
		method: request.method ?? 'GET',
	};
	const result = await runWorkflow({ nodes, connections, credentials });
	return result.output('Test')[0].json as { status: string; message: string };
}
