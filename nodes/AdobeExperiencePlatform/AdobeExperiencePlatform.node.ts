import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { credentialTest, listSearch, loadOptions, resourceMapping } from './methods';

/**
 * Adobe Experience Platform: resources and operations in `actions/`, dropdowns and the storage
 * credential test in `methods/`. Name, icon and credential slots are written here because n8n's
 * package scanner reads them from this file; a test checks the slots against the storage
 * credential registry (`domain/storageCredentials/registry.ts`).
 */
export class AdobeExperiencePlatform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe Experience Platform',
		name: 'adobeExperiencePlatform',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['transform'],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
		credentials: [
			{ name: 'aepPlatformApi', required: true },
			{
				name: 'aepAmazonS3AccessKeyApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: ['aepAmazonS3AccessKeyApi'] } },
			},
			{
				name: 'aepAzureBlobConnectionStringApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: ['aepAzureBlobConnectionStringApi'] } },
			},
			{
				name: 'aepAzureDataLakeGen2ServicePrincipalApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: ['aepAzureDataLakeGen2ServicePrincipalApi'] } },
			},
			{
				name: 'aepGoogleCloudStorageHmacKeyApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: ['aepGoogleCloudStorageHmacKeyApi'] } },
			},
			{
				name: 'aepSftpPasswordApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: ['aepSftpPasswordApi'] } },
			},
			{
				name: 'aepSftpSshKeyApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: ['aepSftpSshKeyApi'] } },
			},
			{
				name: 'aepDestinationCustomAuthApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: ['aepDestinationCustomAuthApi'] } },
			},
		],
		...versionDescription,
	};

	methods = { listSearch, loadOptions, resourceMapping, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
