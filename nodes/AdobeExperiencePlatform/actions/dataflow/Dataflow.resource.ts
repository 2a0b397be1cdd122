import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as create from './create.operation';
import * as patch from './patch.operation';

export { create, patch };

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
];
