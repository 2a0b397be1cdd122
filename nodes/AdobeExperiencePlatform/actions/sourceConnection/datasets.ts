/**
 * The datasets of a Data Lake source connection (`params.datasets[{dataSetId, name}]`): picked from
 * the eligible list, or taken from incoming items such as Dataset → List's output. Names missing
 * from the input are looked up in the eligible list (fetched once per execution); picked IDs without
 * a name, in as few pages as it takes.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findEligibleDatasets, listEligibleDatasets } from '../../api/datasets';
import { LAST_DATASET_ID_PATTERN } from '../../descriptions/rlc.builder';
import { locatorId } from '../../helpers/locatorId';
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

/** What the user picked: IDs, with the names the list showed when they were picked from it. */
interface Picked {
	id: string;
	name?: string;
}

/** Version 1: one multi-select of IDs (or an expression giving IDs). */
function pickedInMultiSelect(ctx: IExecuteFunctions, itemIndex: number): Picked[] {
	const raw = ctx.getNodeParameter('datasetIds', itemIndex, []) as unknown;
	return (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw])
		.filter((id) => !(typeof id === 'string' && id.trim() === ''))
		.map((id) => ({ id: checkId(ctx, 'Datasets', id, itemIndex) }));
}

/** Version 1.1: one dataset locator per entry; a pick from the list carries its name. */
function pickedInLocators(ctx: IExecuteFunctions, itemIndex: number): Picked[] {
	const entries = (ctx.getNodeParameter('datasets.dataset', itemIndex, []) as Array<{ dataset?: unknown }>) ?? [];
	return entries
		.filter((entry) => locatorId(entry.dataset, LAST_DATASET_ID_PATTERN) !== '')
		.map((entry) => {
			const locator = (entry.dataset ?? {}) as { mode?: string; cachedResultName?: unknown };
			const id = checkId(ctx, 'Dataset', locatorId(entry.dataset, LAST_DATASET_ID_PATTERN), itemIndex);
			const listed = locator.mode === 'list' && typeof locator.cachedResultName === 'string' && locator.cachedResultName !== '';
			return { id, name: listed ? String(locator.cachedResultName) : undefined };
		});
}

/**
 * Datasets picked in the node's list. Names come from the list the user picked from; IDs without
 * one (typed, or from an expression) are looked up among the eligible datasets, reading only as
 * many pages as it takes to find them.
 */
export async function pickedDatasets(ctx: IExecuteFunctions, itemIndex: number): Promise<DatasetRef[]> {
	const picked = ctx.getNode().typeVersion >= 1.1 ? pickedInLocators(ctx, itemIndex) : pickedInMultiSelect(ctx, itemIndex);
	if (picked.length === 0) {
		throw invalidParameter(ctx, 'Datasets', [], 'Allowed: at least one dataset that can be exported.', itemIndex);
	}
	const unique = [...new Map(picked.map((dataset) => [dataset.id, dataset])).values()];
	const unnamed = unique.filter((dataset) => dataset.name === undefined).map((dataset) => dataset.id);
	const { found, total } = unnamed.length ? await findEligibleDatasets(ctx, unnamed, itemIndex) : { found: new Map<string, IDataObject>(), total: undefined };
	return unique.map(({ id, name }) => {
		if (name !== undefined) return { dataSetId: id, name };
		const dataset = found.get(id);
		if (!dataset) {
			throw invalidParameter(
				ctx,
				'Datasets',
				id,
				`Allowed: datasets AEP lists as eligible for export (${total ?? 'all'} in this sandbox); this ID is not one of them.`,
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

