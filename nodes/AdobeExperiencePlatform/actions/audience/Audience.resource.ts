import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['audience'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the audiences of the sandbox by name',
				action: 'Get many audiences',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
