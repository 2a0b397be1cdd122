import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { landingZoneContainer, listLandingZoneFiles } from '../../api/landingZone';
import { MAX_LIMIT, operationNotice, returnAllOrLimit } from '../../descriptions/common';
import { deletedAfter } from '../../domain/blobList';
import { executePerItem } from '../../helpers/execute';
import { requireWholeNumber } from '../../helpers/validation';

export const DLZ_DOCS = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/catalog/cloud-storage/data-landing-zone';

const properties: INodeProperties[] = [
	operationNotice(
		'Lists the files exported to your Data Landing Zone destination. Adobe deletes them seven days after they land: download what you need before then.',
		DLZ_DOCS,
		"Adobe's Data Landing Zone guide",
	),
	...returnAllOrLimit(),
	{
		displayName: 'Folder Prefix',
		name: 'prefix',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5ba9452c7bc8e0000061c4ba/exportTime=20270101',
		description: 'Only files whose path starts with this text',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataLandingZone'], operation: ['listFiles'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : requireWholeNumber(this, 'Limit', this.getNodeParameter('limit', itemIndex), 1, MAX_LIMIT, itemIndex);
		const prefix = String(this.getNodeParameter('prefix', itemIndex, '') ?? '').trim();
		const container = await landingZoneContainer(this, itemIndex);
		const files = await listLandingZoneFiles(this, container, prefix, limit, itemIndex);
		if (files.length && itemIndex === 0) {
			this.addExecutionHints({ message: 'Adobe deletes Data Landing Zone files seven days after they land: see deletedAfter on each file.', location: 'outputPane' });
		}
		return files.map((file) => ({ ...file, container: container.containerName, deletedAfter: deletedAfter(file.lastModified) }));
	});
}
