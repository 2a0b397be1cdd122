import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	operationField(
		'run',
		[
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
		'getAll',
	),
	...getAll.description,
	...get.description,
];
