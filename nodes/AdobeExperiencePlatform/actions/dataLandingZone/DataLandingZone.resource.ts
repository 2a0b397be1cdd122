import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../descriptions/operation';
import * as downloadFile from './downloadFile.operation';
import * as listFiles from './listFiles.operation';

export { downloadFile, listFiles };

export const description: INodeProperties[] = [
	operationField(
		'dataLandingZone',
		[
			{
				name: 'Download File',
				value: 'downloadFile',
				description: 'Download a file exported to the Data Landing Zone as binary data',
				action: 'Download landing zone file',
			},
			{
				name: 'List Files',
				value: 'listFiles',
				description: 'List the files exported to the Data Landing Zone (kept seven days)',
				action: 'List landing zone files',
			},
		],
		'listFiles',
	),
	...listFiles.description,
	...downloadFile.description,
];
