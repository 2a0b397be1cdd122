import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_NAME, DATA_LAKE_SOURCE_SPEC_ID, DOCS } from '../shared/constants';
import { MAX_LIMIT, returnAllOrLimit } from '../shared/descriptions/common';
import { executePerItem } from '../shared/execute';
import { aepListByStartLimit } from '../AdobeExperiencePlatform/transport';
import { requireWholeNumber } from '../shared/validation';

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

export class AdobeDatasetList implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AEP Dataset List',
		name: 'adobeDatasetList',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["returnAll"] ? "All eligible datasets" : "Eligible datasets"}}',
		description: 'List the Adobe Experience Platform datasets that are eligible for export',
		defaults: { name: 'AEP Dataset List' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: `Lists the datasets that can be exported to a destination. Output: one item per dataset. <a href="${DOCS.exportDatasets}" target="_blank">Adobe's guide</a>`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
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
						description:
							'Dataset properties to ask AEP for. Leave empty for what AEP returns by default.',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executePerItem(this, async (itemIndex) => {
			const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
			const limit = returnAll
				? undefined
				: requireWholeNumber(
						this,
						'Limit',
						this.getNodeParameter('limit', itemIndex),
						1,
						MAX_LIMIT,
						itemIndex,
					);
			const filters = this.getNodeParameter('filters', itemIndex, {}) as {
				nameContains?: string;
				state?: string;
			};
			const options = this.getNodeParameter('options', itemIndex, {}) as { properties?: string[] };

			const qs: IDataObject = { outputType: 'activationDatasets', outputField: 'datasets' };
			if (options.properties?.length) {
				qs.properties = [...new Set(['name', ...options.properties])].join(',');
			}
			const nameContains = filters.nameContains?.trim().toLowerCase();
			const filtered = Boolean(nameContains || filters.state);
			// Filters are applied here (the configs endpoint documents no name filter), so with a
			// filter every page is read before the Limit is applied.
			const datasets = await aepListByStartLimit(this, {
				path: `/connectionSpecs/${DATA_LAKE_SOURCE_SPEC_ID}/configs`,
				qs,
				limit: filtered ? undefined : limit,
				itemIndex,
			});
			const kept = datasets.filter(
				(dataset) =>
					(!nameContains || String(dataset.name ?? '').toLowerCase().includes(nameContains)) &&
					(!filters.state || String(dataset.state ?? '').toUpperCase() === filters.state),
			);
			return kept.slice(0, limit).map(toDatasetItem);
		});
	}
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
