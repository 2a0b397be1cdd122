/** Every resource locator of the package, all built by `resourceLocator`. */
import type { INodeProperties } from 'n8n-workflow';

import { DATASET_ID, resourceLocator } from './rlc.builder';

export const DATAFLOW_ID_EXAMPLE = '0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e';
export const DESTINATION_ID_EXAMPLE = '4fce964d-3f37-408f-9778-e597338a21ee';
export const CONNECTION_ID_EXAMPLE = '12ab90c7-519c-4291-bd20-d64186b62da8';

/**
 * A dataflow picker: a searchable list of destination dataflows (the default, what a new user
 * expects), or an ID, e.g. `{{ $json.id }}` from the node before.
 */
export function dataflowLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...resourceLocator({
			displayName: 'Dataflow',
			name: 'dataflow',
			required: true,
			description:
				'The destination dataflow: pick it from the list, or choose By ID and give {{ $json.id }} to take the ID output by the node before',
			searchListMethod: 'searchDestinationDataflows',
			what: 'dataflow',
			idExample: DATAFLOW_ID_EXAMPLE,
		}),
		...overrides,
	};
}

/** The destination picker: destinations that accept the chosen export type, or an ID. */
export function destinationLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...resourceLocator({
			displayName: 'Destination',
			name: 'destination',
			required: true,
			description: 'The destination (connection spec) to export to',
			searchListMethod: 'searchDestinations',
			what: 'connection spec',
			idExample: DESTINATION_ID_EXAMPLE,
		}),
		...overrides,
	};
}

/** A source or target connection picker: a list, or an ID (by default from upstream items). */
export function connectionLocator(kind: 'source' | 'target'): INodeProperties {
	const source = kind === 'source';
	return resourceLocator({
		displayName: source ? 'Source Connection' : 'Target Connection',
		name: source ? 'sourceConnection' : 'targetConnection',
		default: {
			mode: 'id',
			value: source ? "={{ $('AEP Create Source Connection').item.json.id }}" : '={{ $json.id }}',
		},
		required: true,
		description: source
			? 'The source connection (the Data Lake for datasets, the Profile store for audiences). By default, the ID the "AEP Create Source Connection" node output.'
			: 'The target connection (where files land). By default, the ID in the incoming item.',
		searchListMethod: source ? 'searchSourceConnections' : 'searchTargetConnections',
		what: source ? 'source connection' : 'target connection',
		idExample: CONNECTION_ID_EXAMPLE,
		uncheckedId: true,
	});
}

export const DATASET_ID_EXAMPLE = '5ef3e3259ad2a1191ab7dd7d';

/** One dataset eligible for export: from a list paged by AEP (searchable), its address in the UI, or its ID. */
export function datasetLocator(): INodeProperties {
	return resourceLocator({
		displayName: 'Dataset',
		name: 'dataset',
		required: true,
		description: 'A dataset eligible for export: pick it from the list (type to search), or give its ID',
		searchListMethod: 'searchDatasets',
		what: 'dataset',
		idExample: DATASET_ID_EXAMPLE,
		idFormat: {
			pattern: DATASET_ID,
			errorMessage: `A dataset ID is 24 letters (a-f) and digits, e.g. ${DATASET_ID_EXAMPLE}`,
		},
	});
}
