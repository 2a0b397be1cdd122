import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	operationField(
		'sourceConnection',
		[
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a source connection: the datasets (Data Lake) or audiences (Profile store) to export',
				action: 'Create source connection',
			},
		],
		'create',
	),
	...create.description,
];
