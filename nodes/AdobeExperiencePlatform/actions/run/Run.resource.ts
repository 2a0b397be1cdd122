import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['run'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the runs of a dataflow, or wait for one to finish',
				action: 'Get runs',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
