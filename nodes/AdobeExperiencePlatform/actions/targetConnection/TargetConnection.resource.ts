import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['targetConnection'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a target connection: where and how a destination receives exported files',
				action: 'Create target connection',
			},
		],
		default: 'create',
	},
	...create.description,
];
