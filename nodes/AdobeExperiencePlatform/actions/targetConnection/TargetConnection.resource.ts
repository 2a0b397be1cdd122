import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	operationField(
		'targetConnection',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create a target connection: where and how a destination receives exported files',
				action: 'Create target connection',
			},
		],
		'create',
	),
	...create.description,
];
