import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executePerItem } from '../../nodes/AdobeExperiencePlatform/helpers/execute';
import { aepListByContinuation, aepListByStartLimit, aepRequestBody } from '../../nodes/AdobeExperiencePlatform/transport';

/**
 * A test-only node that drives the package's transport with the credential attached, so transport
 * behaviour (paging, retries, errors) is tested through the real engine without a product node.
 */
export class HarnessTransport implements INodeType {
	static readonly type = 'harness.transport';

	description: INodeTypeDescription = {
		displayName: 'Transport',
		name: 'transport',
		group: ['transform'],
		version: 1,
		description: 'Calls the AEP transport',
		defaults: { name: 'Transport' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aepPlatformApi', required: true }],
		properties: [
			{ displayName: 'Call', name: 'call', type: 'string', default: 'request' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/flows' },
			{ displayName: 'Query', name: 'qs', type: 'json', default: '{}' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 0 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executePerItem(this, async (itemIndex) => {
			const call = this.getNodeParameter('call', itemIndex) as string;
			const path = this.getNodeParameter('path', itemIndex) as string;
			const qs = JSON.parse((this.getNodeParameter('qs', itemIndex) as string) || '{}') as IDataObject;
			const limit = (this.getNodeParameter('limit', itemIndex) as number) || undefined;
			if (call === 'continuation') return await aepListByContinuation(this, { path, qs, limit, itemIndex });
			if (call === 'startLimit') return await aepListByStartLimit(this, { path, qs, limit, itemIndex });
			if (call === 'credentialTest') {
				// A credential type's test request, authenticated as n8n's credential tester sends it.
				try {
					await this.helpers.httpRequestWithAuthentication.call(this, 'aepPlatformApi', {
						method: this.getNodeParameter('method', itemIndex) as IHttpRequestMethods,
						url: path,
						json: true,
					});
					return [{ status: 'OK', message: 'Connection successful!' }];
				} catch (error) {
					return [{ status: 'Error', message: (error as Error).message }];
				}
			}
			if (call === 'parallel') {
				// Independent reads sent at once, as the catalogue does.
				const paths = path.split(',');
				return await Promise.all(paths.map(async (p) => await aepRequestBody(this, { method: 'GET', path: p, itemIndex })));
			}
			const bodyText = this.getNodeParameter('body', itemIndex) as string;
			const body = await aepRequestBody(this, {
				method: this.getNodeParameter('method', itemIndex) as IHttpRequestMethods,
				path,
				qs,
				body: bodyText ? (JSON.parse(bodyText) as IDataObject) : undefined,
				itemIndex,
			});
			return [body];
		});
	}
}
