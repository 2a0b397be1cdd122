import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	operationField(
		'audience',
		[
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the audiences of the sandbox by name',
				action: 'Get many audiences',
			},
		],
		'getAll',
	),
	...getAll.description,
];
