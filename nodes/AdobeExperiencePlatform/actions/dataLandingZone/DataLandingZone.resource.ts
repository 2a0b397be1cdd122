import type { INodeProperties } from 'n8n-workflow';

import * as downloadFile from './downloadFile.operation';
import * as listFiles from './listFiles.operation';

export { downloadFile, listFiles };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataLandingZone'] } },
		options: [
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
		default: 'listFiles',
	},
	...listFiles.description,
	...downloadFile.description,
];
