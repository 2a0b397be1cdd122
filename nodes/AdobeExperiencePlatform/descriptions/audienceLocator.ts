/** The audience picker: audiences from the Segmentation service, by URL or by ID (built by `resourceLocator`). */
import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from './rlc.builder';

export const AUDIENCE_ID_EXAMPLE = 'db8961e9-d52f-45bc-b3fb-76d0382a6851';

export function audienceLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...resourceLocator({
			displayName: 'Audience',
			name: 'audience',
			description: 'The audience, picked by name or given by its ID',
			searchListMethod: 'searchAudiences',
			what: 'audience',
			idExample: AUDIENCE_ID_EXAMPLE,
		}),
		...overrides,
	};
}
