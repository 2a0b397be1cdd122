import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create };
export { deleteConnection, get, getAll, update };

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
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a target connection no dataflow uses',
				action: 'Delete target connection',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a target connection',
				action: 'Get target connection',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List target connections',
				action: 'Get many target connections',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the bucket, path or other parameters of a target connection',
				action: 'Update target connection',
			},
		],
		'create',
	),
	...create.description,
	...deleteConnection.description,
	...get.description,
	...getAll.description,
	...update.description,
];
