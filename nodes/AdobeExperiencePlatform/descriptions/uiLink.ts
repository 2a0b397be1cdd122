/** The option that completes links to a dataflow's page in the Experience Platform UI (uiUrl). */
import type { INodeProperties } from 'n8n-workflow';

export function uiOrganizationOption(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'UI Organization',
		name: 'uiOrganization',
		type: 'string',
		default: '',
		placeholder: 'e.g. yourorg',
		description:
			'The part after <code>@</code> in your Experience Platform address bar, used in the link to the dataflow (uiUrl); without it the link lets Experience Cloud pick your default organization',
		...overrides,
	};
}
