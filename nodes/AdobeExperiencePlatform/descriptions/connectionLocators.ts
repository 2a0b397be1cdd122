/** The pickers of existing base, source and target connections (Get, Update, Delete), built by `resourceLocator`. */
import type { INodeProperties } from 'n8n-workflow';

import { CONNECTION_ID_EXAMPLE } from './locators';
import { resourceLocator } from './rlc.builder';

export type ConnectionKind = 'base' | 'source' | 'target';

const LISTS: Record<ConnectionKind, { label: string; method: string }> = {
	base: { label: 'Base Connection', method: 'searchBaseConnections' },
	source: { label: 'Source Connection', method: 'searchAnySourceConnections' },
	target: { label: 'Target Connection', method: 'searchTargetConnections' },
};

/** The connection to act on; by default the ID in the incoming item. */
export function existingConnectionLocator(kind: ConnectionKind): INodeProperties {
	const { label, method } = LISTS[kind];
	return resourceLocator({
		displayName: label,
		name: 'connection',
		default: { mode: 'id', value: '={{ $json.id }}' },
		required: true,
		description: `The ${label.toLowerCase()}. By default, the ID in the incoming item.`,
		searchListMethod: method,
		what: label.toLowerCase(),
		idExample: CONNECTION_ID_EXAMPLE,
	});
}
