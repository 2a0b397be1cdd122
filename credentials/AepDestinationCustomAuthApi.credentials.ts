import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Authentication parameters for any other destination or auth method: a JSON object sent as
 * `auth.params` (in the spirit of n8n's Custom Auth credential). Tested by the AEP Create Base
 * Connection node (`testedBy`), which checks locally that it is a JSON object; the node checks it
 * against the live authSpec before sending it.
 */
export class AepDestinationCustomAuthApi implements ICredentialType {
	name = 'aepDestinationCustomAuthApi';

	displayName = 'Custom Destination Auth for Adobe Experience Platform (AEP) API';

	icon: Icon = { light: 'file:../icons/aep.svg', dark: 'file:../icons/aep.dark.svg' };

	documentationUrl = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/api/export-datasets';

	properties: INodeProperties[] = [
		{
			displayName: 'Auth Parameters (JSON)',
			name: 'secretParametersJson',
			// Masked like any secret: these are the destination's passwords and keys.
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: '{"domain": "sftp.example.com", "username": "aep", "password": "..."}',
			description: "The auth method's parameters under their authSpec names, as the destination's connection spec lists them",
		},
	];
}
