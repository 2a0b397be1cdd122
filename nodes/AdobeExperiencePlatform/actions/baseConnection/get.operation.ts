import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { existingConnectionLocator } from '../../descriptions/connectionLocators';
import { getConnectionExecute } from '../../helpers/connectionRecords';

export const description = updateDisplayOptions({ show: { resource: ['baseConnection'], operation: ['get'] } }, [
	existingConnectionLocator('base'),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await getConnectionExecute(this, 'base');
}
