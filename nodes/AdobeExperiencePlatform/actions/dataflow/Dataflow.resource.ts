import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as create from './create.operation';
import * as deleteDataflow from './delete.operation';
import * as exportNow from './exportNow.operation';
import * as extendEndTime from './extendEndTime.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as patch from './patch.operation';

export { create, deleteDataflow, exportNow, extendEndTime, get, getAll, patch };

export const description: INodeProperties[] = [
	operationField(
		'dataflow',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create a destination dataflow from a source and a target connection',
				action: 'Create dataflow',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a dataflow, and optionally the connections only it uses',
				action: 'Delete dataflow',
			},
			{
				name: 'Export Now',
				value: 'exportNow',
				description: 'Export audiences or datasets now instead of waiting for the schedule, and optionally wait for the runs',
				action: 'Export now',
			},
			{
				name: 'Extend End Time',
				value: 'extendEndTime',
				description: 'Set a later end time on a dataset dataflow before it stops',
				action: 'Extend dataflow end time',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a dataflow, with the date a dataset dataflow stops',
				action: 'Get dataflow',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List destination dataflows by destination, audience, dataset, state or name',
				action: 'Get many dataflows',
			},
			{
				name: 'Patch',
				value: 'patch',
				description:
					'Update a destination dataflow: audiences, attributes, keys, policies, schedule, state (enable or disable)',
				action: 'Patch dataflow',
			},
		],
		'create',
	),
	...create.description,
	...patch.description,
	...get.description,
	...getAll.description,
	...deleteDataflow.description,
	...extendEndTime.description,
	...exportNow.description,
];
