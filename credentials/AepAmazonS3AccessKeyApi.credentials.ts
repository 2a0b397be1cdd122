import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * An Amazon S3 access key that AEP uses to write exported files to a bucket.
 * Tested by the AEP Create Base Connection node (`testedBy`): the values are checked locally
 * against the authSpec Adobe documents, because only AEP can reach the storage with them.
 */
export class AepAmazonS3AccessKeyApi implements ICredentialType {
	name = 'aepAmazonS3AccessKeyApi';

	displayName = 'Amazon S3 Access Key for Adobe Experience Platform (AEP) API';

	icon: Icon = { light: 'file:../icons/aep.svg', dark: 'file:../icons/aep.dark.svg' };

	documentationUrl = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/catalog/cloud-storage/amazon-s3';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. AKIAIOSFODNN7EXAMPLE',
			description: 'The access key ID: 20 upper-case letters and digits 2-7',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The 40-character secret of the access key',
		},
	];
}
