import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['run'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one run by ID: one item per audience or dataset it exported, with skip reasons',
				action: 'Get run',
			},
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
	...get.description,
];
