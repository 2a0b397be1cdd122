import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ExportType } from '../shared/catalogue';
import { exportTypeParameter, getExportType } from '../shared/catalogue';
import {
	CREDENTIAL_NAME,
	DATA_LAKE_SOURCE_SPEC_ID,
	DOCS,
	PROFILE_STORE_SOURCE_SPEC_ID,
} from '../shared/constants';
import { asNodeError, errorItem, executePerItem } from '../shared/execute';
import { createdOrReused, findOrCreate, getIfExists, getName, ifExistsParameter } from '../shared/findOrCreate';
import { getEligibleDatasets } from '../shared/methods/connections';
import { aepRequestBody } from '../shared/transport';
import type { DatasetRef } from './datasets';
import { datasetOfItem, datasetsMismatch, pickedDatasets } from './datasets';

/** Both source specs are fixed by AEP (seed 000: "always the same for Source Connections"), version 1.0. */
const SOURCE_SPEC_VERSION = '1.0';

const showForDatasets = { exportType: ['datasets'] };

export class AdobeCreateSourceConnection implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AEP Create Source Connection',
		name: 'adobeCreateSourceConnection',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["exportType"] === "audiences" ? "Profile store" : "Data Lake datasets"}}',
		description:
			'Create an Adobe Experience Platform source connection: the datasets (Data Lake) or audiences (Profile store) to export',
		defaults: { name: 'AEP Create Source Connection' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: `Connects a dataflow to what it exports: datasets from the Data Lake, or audiences from the Profile store. A source connection's datasets cannot change after creation. Output: its ID for AEP Create Dataflow. <a href="${DOCS.exportDatasets}" target="_blank">Adobe's guide</a>`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			exportTypeParameter,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. Connecting to Data Lake',
				description: 'Name of the source connection; also what "If One With This Name Already Exists" looks for',
			},
			{
				displayName: 'Datasets From',
				name: 'datasetSource',
				type: 'options',
				default: 'list',
				displayOptions: { show: showForDatasets },
				options: [
					{ name: 'Incoming Items', value: 'input', description: 'One dataset per item, e.g. from AEP Dataset List' },
					{ name: 'List', value: 'list', description: 'Pick datasets from the eligible ones' },
				],
			},
			{
				displayName: 'Dataset Names or IDs',
				name: 'datasetIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getEligibleDatasets' },
				default: [],
				displayOptions: { show: { ...showForDatasets, datasetSource: ['list'] } },
				description:
					'Datasets eligible for export. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Dataset ID',
				name: 'datasetId',
				type: 'string',
				default: '={{ $json.id }}',
				displayOptions: { show: { ...showForDatasets, datasetSource: ['input'] } },
				description: 'The dataset each incoming item names. By default, the ID output by AEP Dataset List.',
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
			ifExistsParameter('source connection'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Description of the source connection',
					},
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
		],
	};

	methods = { loadOptions: { getEligibleDatasets } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const oneForAll =
			items.length > 0 &&
			this.getNodeParameter('exportType', 0, 'datasets') === 'datasets' &&
			this.getNodeParameter('datasetSource', 0, 'list') === 'input' &&
			this.getNodeParameter('grouping', 0, 'all') === 'all';
		if (oneForAll) return await createOneForAllItems(this, items.length);

		return await executePerItem(this, async (itemIndex) => {
			const exportType = getExportType(this, itemIndex);
			if (exportType === 'audiences') return [await createProfileStoreSource(this, itemIndex)];
			const datasetSource = this.getNodeParameter('datasetSource', itemIndex, 'list');
			const datasets =
				datasetSource === 'input'
					? [await datasetOfItem(this, itemIndex)]
					: await pickedDatasets(this, itemIndex);
			return [await createDataLakeSource(this, itemIndex, datasets)];
		});
	}
}

/** One source connection with every item's dataset, paired with all items. */
async function createOneForAllItems(ctx: IExecuteFunctions, count: number): Promise<INodeExecutionData[][]> {
	const pairedItem = Array.from({ length: count }, (_, item) => ({ item }));
	let itemIndex = 0;
	try {
		const datasets: DatasetRef[] = [];
		for (; itemIndex < count; itemIndex++) {
			const dataset = await datasetOfItem(ctx, itemIndex);
			if (!datasets.some((known) => known.dataSetId === dataset.dataSetId)) datasets.push(dataset);
		}
		itemIndex = 0;
		return [[{ json: await createDataLakeSource(ctx, 0, datasets), pairedItem }]];
	} catch (error) {
		if (ctx.continueOnFail()) return [[{ ...errorItem(error, itemIndex), pairedItem }]];
		throw asNodeError(ctx, error, itemIndex);
	}
}

function output(exportType: ExportType, connectionSpec: IDataObject, extra: IDataObject = {}): IDataObject {
	return { connectionSpec, exportType, ...extra };
}

async function createDataLakeSource(
	ctx: IExecuteFunctions,
	itemIndex: number,
	datasets: DatasetRef[],
): Promise<IDataObject> {
	const name = getName(ctx, itemIndex);
	const ifExists = getIfExists(ctx, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { description?: string };
	const connectionSpec = { id: DATA_LAKE_SOURCE_SPEC_ID, version: SOURCE_SPEC_VERSION };
	const body: IDataObject = {
		name,
		...(options.description ? { description: options.description } : {}),
		connectionSpec,
		params: { datasets: datasets.map(({ dataSetId, name: datasetName }) => ({ dataSetId, name: datasetName })) },
	};
	const result = await findOrCreate(ctx, {
		path: '/sourceConnections',
		resource: 'source connection',
		name,
		ifExists,
		itemIndex,
		create: async () => await aepRequestBody(ctx, { method: 'POST', path: '/sourceConnections', body, itemIndex }),
		mismatch: (existing) =>
			(existing.connectionSpec as IDataObject | undefined)?.id !== DATA_LAKE_SOURCE_SPEC_ID
				? 'it does not read from the Data Lake'
				: datasetsMismatch(existing, datasets),
	});
	return {
		...createdOrReused(result, name),
		...output('datasets', connectionSpec, { datasets: datasets.map((dataset) => ({ ...dataset })) }),
	};
}

async function createProfileStoreSource(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = getName(ctx, itemIndex);
	const ifExists = getIfExists(ctx, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as {
		description?: string;
		profileStoreBaseConnectionId?: string;
	};
	const connectionSpec = { id: PROFILE_STORE_SOURCE_SPEC_ID, version: SOURCE_SPEC_VERSION };
	const baseConnectionId = options.profileStoreBaseConnectionId?.trim();
	const body: IDataObject = {
		name,
		...(options.description ? { description: options.description } : {}),
		connectionSpec,
		// Seed 002's older flow: a Profile store base connection and CSV, the only format it supports.
		...(baseConnectionId ? { baseConnectionId, data: { format: 'CSV', schema: null }, params: {} } : {}),
	};
	const result = await findOrCreate(ctx, {
		path: '/sourceConnections',
		resource: 'source connection',
		name,
		ifExists,
		itemIndex,
		create: async () => await aepRequestBody(ctx, { method: 'POST', path: '/sourceConnections', body, itemIndex }),
		mismatch: (existing) =>
			(existing.connectionSpec as IDataObject | undefined)?.id !== PROFILE_STORE_SOURCE_SPEC_ID
				? 'it does not read from the Profile store'
				: undefined,
	});
	return {
		...createdOrReused(result, name),
		...output('audiences', connectionSpec, baseConnectionId ? { baseConnectionId } : {}),
	};
}
