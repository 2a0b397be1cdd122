import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listDatasets } from '../../api/datasets';
import { MAX_LIMIT, operationNotice, returnAllOrLimit } from '../../descriptions/common';
import { DOCS } from '../../domain/constants';
import { executePerItem } from '../../helpers/execute';
import { invalidParameter, requireWholeNumber } from '../../helpers/validation';

/** Properties Catalog can return for a dataset; `name` is always asked for. */
const DATASET_PROPERTIES = [
	'created',
	'description',
	'fileDescription',
	'name',
	'schemaRef',
	'state',
	'tags',
	'updated',
];

const properties: INodeProperties[] = [
	operationNotice(
		'Lists the datasets that can be exported to a destination. Output: one item per dataset.',
		DOCS.exportDatasets,
	),
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Keep only datasets whose name contains this text (case-insensitive)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: '',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Draft', value: 'DRAFT' },
					{ name: 'Enabled', value: 'ENABLED' },
				],
				description: 'Keep only datasets in this state',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Properties',
				name: 'properties',
				type: 'multiOptions',
				default: [],
				options: DATASET_PROPERTIES.map((p) => ({ name: p, value: p })),
				description: 'Dataset properties to ask AEP for. Leave empty for what AEP returns by default.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll
			? undefined
			: requireWholeNumber(this, 'Limit', this.getNodeParameter('limit', itemIndex), 1, MAX_LIMIT, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as { nameContains?: string; state?: unknown };
		const state = readStateFilter(this, filters.state, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as { properties?: string[] };

		const nameContains = filters.nameContains?.trim().toLowerCase();
		const filtered = Boolean(nameContains || state);
		// Filters are applied here (the configs endpoint documents no name filter); with a Limit,
		// paging stops as soon as enough datasets match.
		const kept = await listDatasets(this, {
			properties: options.properties?.length ? [...new Set(['name', ...options.properties])].join(',') : undefined,
			limit,
			keep: filtered
				? (dataset) =>
						(!nameContains || String(dataset.name ?? '').toLowerCase().includes(nameContains)) &&
						(!state || String(dataset.state ?? '').toUpperCase() === state)
				: undefined,
			itemIndex,
		});
		return kept.slice(0, limit).map(toDatasetItem);
	});
}

const STATES = ['DRAFT', 'ENABLED'];

/** The State filter: one of the offered states (any case), or empty for any; anything else is refused. */
function readStateFilter(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	if (value === undefined || value === null || value === '') return '';
	const state = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
	if (state === undefined || !STATES.includes(state)) {
		throw invalidParameter(ctx, 'State', value, `Allowed: ${STATES.join(', ')}, or empty for any state. Example: ENABLED.`, itemIndex);
	}
	return state;
}

/** The facts a next node needs first, then everything AEP gave. */
function toDatasetItem(dataset: IDataObject): IDataObject {
	const fileDescription = (dataset.fileDescription ?? {}) as IDataObject;
	return {
		id: dataset.id,
		name: dataset.name,
		description: dataset.description ?? null,
		state: dataset.state ?? null,
		fileFormat: fileDescription.format ?? null,
		...dataset,
	};
}
