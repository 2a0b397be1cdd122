import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyConnectionProperties, getManyConnectionsExecute } from '../../helpers/connectionRecords';

export const description = updateDisplayOptions(
	{ show: { resource: ['targetConnection'], operation: ['getAll'] } },
	getManyConnectionProperties('target'),
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await getManyConnectionsExecute(this, 'target');
}
