/**
 * The datasets of a Data Lake source connection (`params.datasets[{dataSetId, name}]`): picked from
 * the eligible list, or taken from incoming items such as Dataset → List's output. Names missing
 * from the input, and every picked ID, are looked up in the eligible list (fetched once per execution).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listEligibleDatasets } from '../../api/datasets';
import { invalidParameter } from '../../helpers/validation';

export interface DatasetRef {
	dataSetId: string;
	name: string;
}

const ALLOWED_ID = 'Allowed: the ID of a dataset that can be exported (e.g. the id output by AEP Dataset List).';

function checkId(ctx: IExecuteFunctions, parameter: string, id: unknown, itemIndex: number): string {
	const text = typeof id === 'number' ? String(id) : id;
	if (typeof text !== 'string' || text.trim() === '' || /[\s,]/.test(text.trim())) {
		throw invalidParameter(ctx, parameter, id, ALLOWED_ID, itemIndex);
	}
	return text.trim();
}

async function eligibleById(ctx: IExecuteFunctions, itemIndex: number): Promise<Map<string, IDataObject>> {
	const datasets = await listEligibleDatasets(ctx, itemIndex);
	return new Map(datasets.map((dataset) => [String(dataset.id), dataset]));
}

/** Datasets picked in the node's list: every ID must be eligible, names come from the list. */
export async function pickedDatasets(ctx: IExecuteFunctions, itemIndex: number): Promise<DatasetRef[]> {
	const raw = ctx.getNodeParameter('datasetIds', itemIndex, []) as unknown;
	const ids = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw])
		.filter((id) => !(typeof id === 'string' && id.trim() === ''))
		.map((id) => checkId(ctx, 'Datasets', id, itemIndex));
	if (ids.length === 0) {
		throw invalidParameter(ctx, 'Datasets', raw, 'Allowed: at least one dataset that can be exported.', itemIndex);
	}
	const eligible = await eligibleById(ctx, itemIndex);
	return [...new Set(ids)].map((id) => {
		const dataset = eligible.get(id);
		if (!dataset) {
			throw invalidParameter(
				ctx,
				'Datasets',
				id,
				`Allowed: datasets AEP lists as eligible for export (${eligible.size} in this sandbox); this ID is not one of them.`,
				itemIndex,
			);
		}
		return { dataSetId: id, name: String(dataset.name ?? id) };
	});
}

/** The dataset an incoming item names (Dataset ID and Dataset Name parameters, by default `$json.id` / `$json.name`). */
export async function datasetOfItem(ctx: IExecuteFunctions, itemIndex: number): Promise<DatasetRef> {
	const dataSetId = checkId(ctx, 'Dataset ID', ctx.getNodeParameter('datasetId', itemIndex, ''), itemIndex);
	const rawName = ctx.getNodeParameter('datasetName', itemIndex, '') as unknown;
	if (typeof rawName === 'string' && rawName.trim() !== '') return { dataSetId, name: rawName };
	const dataset = (await eligibleById(ctx, itemIndex)).get(dataSetId);
	if (!dataset) {
		throw invalidParameter(
			ctx,
			'Dataset ID',
			dataSetId,
			`${ALLOWED_ID} This ID is not among the datasets AEP lists as eligible, so its name cannot be looked up either.`,
			itemIndex,
		);
	}
	return { dataSetId, name: String(dataset.name ?? dataSetId) };
}

