import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	operationField(
		'run',
		[
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
];
