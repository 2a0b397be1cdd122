import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * An SFTP account (SSH key authentication) that AEP uses to upload exported files.
 * Tested by the AEP Create Base Connection node (`testedBy`): the values are checked locally
 * against the authSpec Adobe documents, because only AEP can reach the storage with them.
 */
export class AepSftpSshKeyApi implements ICredentialType {
	name = 'aepSftpSshKeyApi';

	displayName = 'SFTP SSH Key for Adobe Experience Platform (AEP) API';

	icon: Icon = { light: 'file:../icons/aep.svg', dark: 'file:../icons/aep.dark.svg' };

	documentationUrl = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/catalog/cloud-storage/sftp';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. sftp.example.com',
			description: 'The domain name or IP address of the SFTP server',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 22,
			description: 'Sent only to auth methods that ask for a port',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The private SSH key, as OpenSSH/PEM text or already Base64-encoded (AEP receives it Base64-encoded). It must not be protected by a passphrase.',
		},
	];
}
