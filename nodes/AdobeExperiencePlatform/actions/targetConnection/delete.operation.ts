import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { existingConnectionLocator } from '../../descriptions/connectionLocators';
import { deleteConnectionExecute } from '../../helpers/connectionRecords';

export const description = updateDisplayOptions({ show: { resource: ['targetConnection'], operation: ['delete'] } }, [
	existingConnectionLocator('target'),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await deleteConnectionExecute(this, 'target');
}
