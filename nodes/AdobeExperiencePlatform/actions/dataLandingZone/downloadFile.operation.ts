import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadLandingZoneFile, landingZoneContainer } from '../../api/landingZone';
import { operationNotice } from '../../descriptions/common';
import { executePerItem } from '../../helpers/execute';
import { invalidParameter } from '../../helpers/validation';
import { DLZ_DOCS } from './listFiles.operation';

const properties: INodeProperties[] = [
	operationNotice('Downloads one file from your Data Landing Zone destination as binary data. Files there are deleted seven days after they land.', DLZ_DOCS, "Adobe's Data Landing Zone guide"),
	{
		displayName: 'File Path',
		name: 'filePath',
		type: 'string',
		default: '={{ $json.name }}',
		required: true,
		placeholder: 'e.g. 5ba9452c7bc8e0000061c4ba/exportTime=202701010000/part-00000.json.gz',
		description: 'The file’s path in the container, as List Files outputs it under "name"',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the output binary field to put the file in',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataLandingZone'], operation: ['downloadFile'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const filePath = String(this.getNodeParameter('filePath', itemIndex, '') ?? '').trim().replace(/^\/+/, '');
		if (!filePath || filePath.split('/').some((part) => part === '..' || part === '.')) {
			throw invalidParameter(this, 'File Path', filePath, 'Allowed: a file path in the container, such as 5ba9452c7bc8e0000061c4ba/exportTime=202701010000/part-00000.json.gz.', itemIndex);
		}
		const field = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
		if (!/^[A-Za-z0-9_-]+$/.test(field)) {
			throw invalidParameter(this, 'Put Output File in Field', field, 'Allowed: letters, digits, "_" and "-", such as data.', itemIndex);
		}
		const container = await landingZoneContainer(this, itemIndex);
		const { data, contentType } = await downloadLandingZoneFile(this, container, filePath, itemIndex);
		const fileName = filePath.split('/').pop() ?? filePath;
		const binary = await this.helpers.prepareBinaryData(data, fileName, contentType);
		return [{ json: { name: filePath, size: data.length, container: container.containerName }, binary: { [field]: binary } }];
	});
}
