import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listAudiences } from '../../api/audiences';
import { MAX_LIMIT, operationNotice, returnAllOrLimit } from '../../descriptions/common';
import { executePerItem } from '../../helpers/execute';
import { requireWholeNumber } from '../../helpers/validation';

const AUDIENCES_DOCS = 'https://experienceleague.adobe.com/en/docs/experience-platform/segmentation/api/audiences';

const properties: INodeProperties[] = [
	operationNotice('Audiences of the sandbox from the Segmentation service, with their IDs for Dataflow → Patch and Export Now.', AUDIENCES_DOCS, "Adobe's audiences guide"),
	...returnAllOrLimit(),
	{
		displayName: 'Name Contains',
		name: 'nameContains',
		type: 'string',
		default: '',
		description: 'Keep only audiences whose name contains this text (any case)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['audience'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : requireWholeNumber(this, 'Limit', this.getNodeParameter('limit', itemIndex), 1, MAX_LIMIT, itemIndex);
		const nameContains = String(this.getNodeParameter('nameContains', itemIndex, '') ?? '');
		return await listAudiences(this, nameContains, limit, itemIndex);
	});
}
