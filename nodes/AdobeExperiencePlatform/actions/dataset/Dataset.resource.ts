import type { INodeProperties } from 'n8n-workflow';

import * as list from './list.operation';

export { list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataset'] } },
		options: [
			{
				name: 'List',
				value: 'list',
				description: 'List the datasets that are eligible for export',
				action: 'List datasets',
			},
		],
		default: 'list',
	},
	...list.description,
];
