import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as list from './list.operation';

export { list };

export const description: INodeProperties[] = [
	operationField(
		'dataset',
		[
			{
				name: 'List',
				value: 'list',
				description: 'List the datasets that are eligible for export',
				action: 'List datasets',
			},
		],
		'list',
	),
	...list.description,
];
