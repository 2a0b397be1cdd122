import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getDataflow } from '../../api/flows';
import { deleteRecord } from '../../api/records';
import { dataflowLocator } from '../../descriptions/locators';
import { executePerItem } from '../../helpers/execute';
import { getDataflowId } from '../../helpers/parameters';
import { deleteInOrder, planCascade } from './deleteCascade';

const properties: INodeProperties[] = [
	dataflowLocator(),
	{
		displayName: 'Also Delete Its Source and Target Connections',
		name: 'deleteConnections',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the source and target connections this dataflow uses, after the dataflow; a connection another dataflow uses is kept',
	},
	{
		displayName: 'Also Delete Unused Base Connections',
		name: 'deleteBaseConnections',
		type: 'boolean',
		default: false,
		displayOptions: { show: { deleteConnections: [true] } },
		description:
			'Whether to delete the base connection (the storage account login) behind the deleted target connections, last, when no other dataflow uses it',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataflow'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const flowId = getDataflowId(this, itemIndex);
		const connections = this.getNodeParameter('deleteConnections', itemIndex, false) as boolean;
		const baseConnections = connections && (this.getNodeParameter('deleteBaseConnections', itemIndex, false) as boolean);
		if (!connections) {
			await deleteRecord(this, 'flows', flowId, itemIndex);
			return [{ deleted: true, id: flowId }];
		}
		const flow = await getDataflow(this, flowId, itemIndex);
		const plan = await planCascade(this, flow, { connections, baseConnections }, itemIndex);
		const result = await deleteInOrder(this, flowId, plan, itemIndex);
		return [{ deleted: true, id: flowId, ...(result as unknown as IDataObject) }];
	});
}
