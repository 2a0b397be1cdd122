import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updateCredentials from './updateCredentials.operation';

export { create };
export { deleteConnection, get, getAll, updateCredentials };

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
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a base connection no dataflow uses',
				action: 'Delete base connection',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a base connection (without its secrets)',
				action: 'Get base connection',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List base connections',
				action: 'Get many base connections',
			},
			{
				name: 'Update Credentials',
				value: 'updateCredentials',
				description: 'Rotate the storage keys of a base connection from the storage credential',
				action: 'Update base connection credentials',
			},
		],
		'create',
	),
	...create.description,
	...deleteConnection.description,
	...get.description,
	...getAll.description,
	...updateCredentials.description,
];
