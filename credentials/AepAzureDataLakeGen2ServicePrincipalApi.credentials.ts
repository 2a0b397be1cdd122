import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * An Azure service principal that AEP uses to write exported files to Azure Data Lake Storage Gen2.
 * Tested by the AEP Create Base Connection node (`testedBy`): the values are checked locally
 * against the authSpec Adobe documents, because only AEP can reach the storage with them.
 */
export class AepAzureDataLakeGen2ServicePrincipalApi implements ICredentialType {
	name = 'aepAzureDataLakeGen2ServicePrincipalApi';

	displayName = 'ADLS Gen2 Service Principal for Adobe Experience Platform (AEP) API';

	icon: Icon = { light: 'file:../icons/aep.svg', dark: 'file:../icons/aep.dark.svg' };

	documentationUrl = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/catalog/cloud-storage/adls-gen2';

	properties: INodeProperties[] = [
		{
			displayName: 'Endpoint URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://myaccount.dfs.core.windows.net',
			description: 'The Data Lake Storage Gen2 endpoint',
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. mycompany.onmicrosoft.com',
			description: 'The tenant domain name or tenant ID',
		},
		{
			displayName: 'Service Principal ID',
			name: 'servicePrincipalId',
			type: 'string',
			required: true,
			default: '',
			description: 'The application (client) ID of the service principal',
		},
		{
			displayName: 'Service Principal Key',
			name: 'servicePrincipalSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The client secret of the service principal',
		},
	];
}
