import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createRecord } from '../../api/collections';
import { exportTypeParameter, operationNotice } from '../../descriptions/common';
import { descriptionOption, ifExistsParameter, nameParameter } from '../../descriptions/create';
import { datasetLocator } from '../../descriptions/locators';
import type { ExportType } from '../../domain/catalogue';
import { DATA_LAKE_SOURCE_SPEC_ID, DOCS, PROFILE_STORE_SOURCE_SPEC_ID } from '../../domain/constants';
import type { ConnectionIdentity } from '../../domain/identity';
import { isSameConnection } from '../../domain/identity';
import { executeOnceForAllItems, executePerItem } from '../../helpers/execute';
import type { IfExists } from '../../helpers/findOrCreate';
import { createdOrReused, findOrCreate, getNameAndIfExists } from '../../helpers/findOrCreate';
import { getExportType } from '../../helpers/parameters';
import { requireUuid } from '../../helpers/validation';
import type { DatasetRef } from './datasets';
import { datasetOfItem, pickedDatasets } from './datasets';

/** Both source specs are fixed by AEP ("always the same for Source Connections", says "Export datasets by using the Flow Service API"), version 1.0. */
const SOURCE_SPEC_VERSION = '1.0';

const showForDatasets = { exportType: ['datasets'] };
/** Version 1 picks datasets in one multi-select that reads every page; 1.1 one by one from a paged list. */
const VERSION_1 = { '@version': [1] };
const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

const RESOURCE = 'source connection';

const properties: INodeProperties[] = [
	operationNotice(
		"Connects a dataflow to what it exports: datasets from the Data Lake, or audiences from the Profile store. A source connection's datasets cannot change after creation. Output: its ID for Dataflow → Create.",
		DOCS.exportDatasets,
	),
	exportTypeParameter,
	nameParameter(RESOURCE, 'e.g. Connecting to Data Lake'),
	{
		displayName: 'Datasets From',
		name: 'datasetSource',
		type: 'options',
		default: 'list',
		displayOptions: { show: showForDatasets },
		options: [
			{ name: 'Incoming Items', value: 'input', description: 'One dataset per item, e.g. from Dataset → List' },
			{ name: 'List', value: 'list', description: 'Pick datasets from the eligible ones' },
		],
	},
	{
		displayName: 'Dataset Names or IDs',
		name: 'datasetIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEligibleDatasets' },
		default: [],
		displayOptions: { show: { ...showForDatasets, datasetSource: ['list'], ...VERSION_1 } },
		description:
			'Datasets eligible for export. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Datasets',
		name: 'datasets',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Dataset',
		default: {},
		displayOptions: { show: { ...showForDatasets, datasetSource: ['list'], ...FROM_VERSION_1_1 } },
		description:
			"The datasets to export, at least one. The list shows them 100 at a time in AEP's order; type to search by name or ID.",
		options: [{ displayName: 'Dataset', name: 'dataset', values: [datasetLocator()] }],
	},
	{
		displayName: 'Dataset ID',
		name: 'datasetId',
		type: 'string',
		default: '={{ $json.id }}',
		displayOptions: { show: { ...showForDatasets, datasetSource: ['input'] } },
		description: 'The dataset each incoming item names. By default, the ID output by Dataset → List.',
	},
	{
		displayName: 'Dataset Name',
		name: 'datasetName',
		type: 'string',
		default: '={{ $json.name }}',
		displayOptions: { show: { ...showForDatasets, datasetSource: ['input'] } },
		description: "The dataset's name. Left empty, it is looked up among the eligible datasets.",
	},
	{
		displayName: 'Create',
		name: 'grouping',
		type: 'options',
		default: 'all',
		displayOptions: { show: { ...showForDatasets, datasetSource: ['input'] } },
		options: [
			{
				name: 'One Source Connection for All Items',
				value: 'all',
				description: "All items' datasets in one source connection, named after the first item",
			},
			{
				name: 'One Source Connection per Item',
				value: 'each',
				description: "Each item's dataset in its own source connection",
			},
		],
	},
	ifExistsParameter(RESOURCE),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			descriptionOption(RESOURCE),
			{
				displayName: 'Profile Store Base Connection ID',
				name: 'profileStoreBaseConnectionId',
				type: 'string',
				default: '',
				displayOptions: { show: { '/exportType': ['audiences'] } },
				description:
					'Only for the older flow of Adobe\'s segment activation guide, which first creates a base connection to the Profile store: sends it with data format CSV. Leave empty for file-based destinations.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sourceConnection'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const oneForAll =
		items.length > 0 &&
		this.getNodeParameter('exportType', 0, 'datasets') === 'datasets' &&
		this.getNodeParameter('datasetSource', 0, 'list') === 'input' &&
		this.getNodeParameter('grouping', 0, 'all') === 'all';
	if (oneForAll) {
		// One source connection with every item's dataset, named after the first item.
		return await executeOnceForAllItems(this, async () => {
			const naming = getNameAndIfExists(this, 0, RESOURCE);
			const datasets: DatasetRef[] = [];
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				const dataset = await datasetOfItem(this, itemIndex);
				if (!datasets.some((known) => known.dataSetId === dataset.dataSetId)) datasets.push(dataset);
			}
			return await createSourceConnection(this, 0, naming, dataLakeSource(datasets));
		});
	}

	return await executePerItem(this, async (itemIndex) => {
		const exportType = getExportType(this, itemIndex);
		const naming = getNameAndIfExists(this, itemIndex, RESOURCE);
		if (exportType === 'audiences') {
			return [await createSourceConnection(this, itemIndex, naming, profileStoreSource(this, itemIndex))];
		}
		const datasetSource = this.getNodeParameter('datasetSource', itemIndex, 'list');
		const datasets =
			datasetSource === 'input'
				? [await datasetOfItem(this, itemIndex)]
				: await pickedDatasets(this, itemIndex);
		return [await createSourceConnection(this, itemIndex, naming, dataLakeSource(datasets))];
	});
}

/** What sets a Data Lake source connection apart from a Profile store one. */
interface SourceKind {
	exportType: ExportType;
	connectionSpecId: string;
	/** Body fields besides name, description and connectionSpec. */
	body: IDataObject;
	/** Output fields besides the connection spec and export type. */
	output: IDataObject;
	/** What an existing source connection with the name must match to be reused. */
	identity: ConnectionIdentity;
}

function dataLakeSource(datasets: DatasetRef[]): SourceKind {
	return {
		exportType: 'datasets',
		connectionSpecId: DATA_LAKE_SOURCE_SPEC_ID,
		body: { params: { datasets: datasets.map(({ dataSetId, name }) => ({ dataSetId, name })) } },
		output: { datasets: datasets.map((dataset) => ({ ...dataset })) },
		// No base connection: AEP gives each Data Lake source connection one of its own (see
		// "SourceConnectionsResponseDataLake" in the Destinations API reference), so the datasets are what tell them apart.
		identity: { connectionSpecId: DATA_LAKE_SOURCE_SPEC_ID, datasetIds: datasets.map((dataset) => dataset.dataSetId) },
	};
}

function profileStoreSource(ctx: IExecuteFunctions, itemIndex: number): SourceKind {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { profileStoreBaseConnectionId?: unknown };
	const typed = options.profileStoreBaseConnectionId;
	const baseConnectionId =
		typed === undefined || typed === null || String(typed).trim() === ''
			? undefined
			: requireUuid(
					ctx,
					'Profile Store Base Connection ID',
					typed,
					'Allowed: the ID of a Profile store base connection (a UUID), or empty for file-based destinations.',
					itemIndex,
				);
	return {
		exportType: 'audiences',
		connectionSpecId: PROFILE_STORE_SOURCE_SPEC_ID,
		// The older flow of "Connect to batch destinations and activate data using the Flow Service API": a Profile store base connection and CSV, the only format it supports.
		body: baseConnectionId ? { baseConnectionId, data: { format: 'CSV', schema: null }, params: {} } : {},
		output: baseConnectionId ? { baseConnectionId } : {},
		identity: { connectionSpecId: PROFILE_STORE_SOURCE_SPEC_ID, baseConnectionId: baseConnectionId ?? null },
	};
}

async function createSourceConnection(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ name, ifExists }: { name: string; ifExists: IfExists },
	kind: SourceKind,
): Promise<IDataObject> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { description?: string };
	const connectionSpec = { id: kind.connectionSpecId, version: SOURCE_SPEC_VERSION };
	const body: IDataObject = {
		name,
		...(options.description ? { description: options.description } : {}),
		connectionSpec,
		...kind.body,
	};
	const result = await findOrCreate(ctx, {
		collection: 'sourceConnections',
		resource: RESOURCE,
		name,
		ifExists,
		itemIndex,
		create: async () => await createRecord(ctx, 'sourceConnections', body, itemIndex),
		identity: (existing) => isSameConnection(existing, kind.identity),
	});
	if (result.created) {
		return { ...createdOrReused(result, name), connectionSpec, exportType: kind.exportType, ...kind.output };
	}
	// Reused: the source connection as it is in AEP.
	const record = result.record;
	const params = (record.params ?? {}) as IDataObject;
	return {
		...createdOrReused(result, name),
		connectionSpec: record.connectionSpec ?? connectionSpec,
		exportType: kind.exportType,
		...(kind.exportType === 'datasets' ? { datasets: params.datasets ?? [] } : {}),
		...(record.baseConnectionId ? { baseConnectionId: record.baseConnectionId } : {}),
	};
}
