import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	operationField(
		'baseConnection',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create a base connection: the credentials AEP uses to write to a destination',
				action: 'Create base connection',
			},
		],
		'create',
	),
	...create.description,
];
