import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * A Google Cloud Storage HMAC key that AEP uses to write exported files to a bucket.
 * Tested by the AEP Create Base Connection node (`testedBy`): the values are checked locally
 * against the authSpec Adobe documents, because only AEP can reach the storage with them.
 */
export class AepGoogleCloudStorageHmacKeyApi implements ICredentialType {
	name = 'aepGoogleCloudStorageHmacKeyApi';

	displayName = 'Google Cloud Storage HMAC Key for Adobe Experience Platform (AEP) API';

	icon: Icon = { light: 'file:../icons/aep.svg', dark: 'file:../icons/aep.dark.svg' };

	documentationUrl = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/catalog/cloud-storage/google-cloud-storage';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			required: true,
			default: '',
			description: 'The access ID of the HMAC key',
		},
		{
			displayName: 'Secret',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The secret of the HMAC key',
		},
	];
}
