import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['baseConnection'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a base connection: the credentials AEP uses to write to a destination',
				action: 'Create base connection',
			},
		],
		default: 'create',
	},
	...create.description,
];
