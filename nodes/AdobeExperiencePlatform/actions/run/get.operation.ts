import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getRun } from '../../api/runs';
import { operationNotice } from '../../descriptions/common';
import { DOCS } from '../../domain/constants';
import { runEntityRows } from '../../domain/runs/runEntities';
import { executePerItem } from '../../helpers/execute';
import { requireUuid } from '../../helpers/validation';

const properties: INodeProperties[] = [
	operationNotice(
		'Output: one item per audience or dataset the run exported (records read, written, skipped), with the run’s status, times, errors and skip reasons on each.',
		DOCS.runs,
		"Adobe's reference",
	),
	{
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		default: '={{ $json.runId }}',
		required: true,
		placeholder: 'e.g. e80e24c1-82de-48de-8352-b2d0fca1c392',
		description: 'The dataflow run. By default, the run ID in the incoming item (as Export Now and Get Runs output it).',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['run'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const runId = requireUuid(
			this,
			'Run ID',
			this.getNodeParameter('runId', itemIndex),
			'Allowed: a run ID (a UUID such as e80e24c1-82de-48de-8352-b2d0fca1c392).',
			itemIndex,
		);
		return runEntityRows(await getRun(this, runId, itemIndex));
	});
}
