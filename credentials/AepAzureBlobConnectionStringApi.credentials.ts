import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * An Azure Blob Storage connection string that AEP uses to write exported files to a container.
 * Tested by the AEP Create Base Connection node (`testedBy`): the values are checked locally
 * against the authSpec Adobe documents, because only AEP can reach the storage with them.
 */
export class AepAzureBlobConnectionStringApi implements ICredentialType {
	name = 'aepAzureBlobConnectionStringApi';

	displayName = 'Azure Blob Connection String for Adobe Experience Platform (AEP) API';

	icon: Icon = { light: 'file:../icons/aep.svg', dark: 'file:../icons/aep.dark.svg' };

	documentationUrl = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/catalog/cloud-storage/azure-blob';

	properties: INodeProperties[] = [
		{
			displayName: 'Connection String',
			name: 'secretConnectionString',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'e.g. DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net',
			description: 'The storage account connection string (it contains the account key)',
		},
	];
}
