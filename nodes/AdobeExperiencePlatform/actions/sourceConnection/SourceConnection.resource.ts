import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sourceConnection'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a source connection: the datasets (Data Lake) or audiences (Profile store) to export',
				action: 'Create source connection',
			},
		],
		default: 'create',
	},
	...create.description,
];
