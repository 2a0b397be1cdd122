import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create };
export { deleteConnection, get, getAll };

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
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a source connection no dataflow uses',
				action: 'Delete source connection',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a source connection',
				action: 'Get source connection',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List source connections',
				action: 'Get many source connections',
			},
		],
		'create',
	),
	...create.description,
	...deleteConnection.description,
	...get.description,
	...getAll.description,
];
