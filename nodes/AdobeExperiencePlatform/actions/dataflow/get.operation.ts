import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getDataflow } from '../../api/flows';
import { dataflowLocator } from '../../descriptions/locators';
import { executePerItem } from '../../helpers/execute';
import { getDataflowId } from '../../helpers/parameters';
import { dataflowOutput } from './dataflowOutput';

const properties: INodeProperties[] = [dataflowLocator()];

export const description = updateDisplayOptions({ show: { resource: ['dataflow'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const flowId = getDataflowId(this, itemIndex);
		return [dataflowOutput(await getDataflow(this, flowId, itemIndex), Date.now())];
	});
}
