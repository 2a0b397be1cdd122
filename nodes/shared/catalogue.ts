/**
 * The destinations catalogue: connection specs and flow specs as the live API gives them.
 * Fetched once per execution (and once per dropdown open); the seeds' IDs are a fallback only.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { DATA_LAKE_SOURCE_SPEC_ID, PROFILE_STORE_SOURCE_SPEC_ID } from './constants';
import type { JsonSchema } from './schema/types';
import { uuidLocatorModes } from './descriptions/locators';
import { editedExportType } from './methods/editor';
import { matchesSearch } from './methods/search';
import type { AepContext } from '../AdobeExperiencePlatform/transport';
import { aepListByContinuation, aepRequestBody, cachedPerExecution } from '../AdobeExperiencePlatform/transport';
import { invalidParameter, requireUuid } from './validation';

export type { JsonSchema } from './schema/types';

export type ExportType = 'datasets' | 'audiences';

export interface AuthSpec extends IDataObject {
	name: string;
	type?: string;
	spec?: JsonSchema;
}

/** One way of encrypting exported files (PGP/GPG), chosen by `encryptionSpecs.specName`. */
export interface EncryptionSpec extends IDataObject {
	name: string;
	type?: string;
	spec?: JsonSchema;
}

export interface ConnectionSpec extends IDataObject {
	id: string;
	name: string;
	version?: string;
	authSpec?: AuthSpec[];
	encryptionSpecs?: EncryptionSpec[];
	targetSpec?: { name?: string; type?: string; spec?: JsonSchema };
	attributes?: IDataObject;
}

export interface FlowSpec extends IDataObject {
	id: string;
	name: string;
	version?: string;
	sourceConnectionSpecIds?: string[];
	targetConnectionSpecIds?: string[];
	attributes?: IDataObject;
}

/** From the seeds (000 for datasets, 004 for audiences): used only when the live catalogue is silent. */
export const FALLBACK_DESTINATIONS: ReadonlyArray<{
	name: string;
	connectionSpecId: string;
	datasetFlowSpecId: string;
	audienceFlowSpecId: string;
}> = [
	{
		name: 'Amazon S3',
		connectionSpecId: '4fce964d-3f37-408f-9778-e597338a21ee',
		datasetFlowSpecId: '269ba276-16fc-47db-92b0-c1049a3c131f',
		audienceFlowSpecId: '1a0514a6-33d4-4c7f-aff8-594799c47549',
	},
	{
		name: 'Azure Blob Storage',
		connectionSpecId: '6d6b59bf-fb58-4107-9064-4d246c0e5bb2',
		datasetFlowSpecId: '95bd8965-fc8a-4119-b9c3-944c2c2df6d2',
		audienceFlowSpecId: '752d422f-b16f-4f0d-b1c6-26e448e3b388',
	},
	{
		name: 'Azure Data Lake Storage Gen2',
		connectionSpecId: 'be2c3209-53bc-47e7-ab25-145db8b873e1',
		datasetFlowSpecId: '17be2013-2549-41ce-96e7-a70363bec293',
		audienceFlowSpecId: '17be2013-2549-41ce-96e7-a70363bec293',
	},
	{
		name: 'Data Landing Zone',
		connectionSpecId: '10440537-2a7b-4583-ac39-ed38d4b848e8',
		datasetFlowSpecId: 'cd2fc47e-e838-4f38-a581-8fff2f99b63a',
		audienceFlowSpecId: 'cd2fc47e-e838-4f38-a581-8fff2f99b63a',
	},
	{
		name: 'Google Cloud Storage',
		connectionSpecId: 'c5d93acb-ea8b-4b14-8f53-02138444ae99',
		datasetFlowSpecId: '585c15c4-6cbf-4126-8f87-e26bff78b657',
		audienceFlowSpecId: '585c15c4-6cbf-4126-8f87-e26bff78b657',
	},
	{
		name: 'SFTP',
		connectionSpecId: '36965a81-b1c6-401b-99f8-22508f1e6a26',
		datasetFlowSpecId: '354d6aad-4754-46e4-a576-1b384561c440',
		audienceFlowSpecId: 'fd36aaa4-bf2b-43fb-9387-43785eeeb799',
	},
];

export async function getConnectionSpecs(ctx: AepContext): Promise<ConnectionSpec[]> {
	return await cachedPerExecution(
		ctx,
		'connectionSpecs',
		async () => (await aepListByContinuation(ctx, { path: '/connectionSpecs' })) as ConnectionSpec[],
	);
}

export async function getFlowSpecs(ctx: AepContext): Promise<FlowSpec[]> {
	return await cachedPerExecution(
		ctx,
		'flowSpecs',
		async () => (await aepListByContinuation(ctx, { path: '/flowSpecs' })) as FlowSpec[],
	);
}

/** One spec by ID, fetched once per execution (a dropdown fetches it each time it opens). */
export async function getConnectionSpec(ctx: AepContext, id: string, itemIndex?: number): Promise<ConnectionSpec> {
	return await cachedPerExecution(ctx, `connectionSpec:${id}`, async () => {
		const body = await aepRequestBody<{ items?: ConnectionSpec[] } & Partial<ConnectionSpec>>(ctx, {
			method: 'GET',
			path: `/connectionSpecs/${encodeURIComponent(id)}`,
			itemIndex,
		});
		// GET by ID answers `{items: [spec]}`; accept a bare spec too.
		return body.items?.[0] ?? (body as ConnectionSpec);
	});
}

/** The source connection spec data of this export type comes from: the Data Lake or the Profile store. */
export function sourceSpecOf(exportType: ExportType): string {
	return exportType === 'datasets' ? DATA_LAKE_SOURCE_SPEC_ID : PROFILE_STORE_SOURCE_SPEC_ID;
}

function workflowOf(flowSpec: FlowSpec): string {
	const workflow = flowSpec.attributes?._workflow;
	return (Array.isArray(workflow) ? workflow.join(',') : String(workflow ?? '')).toUpperCase();
}

/**
 * Whether a flow spec moves data of this export type: its source is the Data Lake (datasets) or the
 * Profile store (audiences); where a spec names no sources, its `_workflow` attribute decides.
 */
export function flowSpecServes(flowSpec: FlowSpec, exportType: ExportType): boolean {
	const sources = flowSpec.sourceConnectionSpecIds ?? [];
	if (sources.length) return sources.includes(sourceSpecOf(exportType));
	const workflow = workflowOf(flowSpec);
	if (!workflow) return false;
	return exportType === 'datasets' ? workflow.includes('DATASET') : !workflow.includes('DATASET');
}

/** The flow specs that take data of this export type to this destination, live first, seeds second. */
export async function flowSpecsFor(
	ctx: AepContext,
	destinationSpecId: string,
	exportType: ExportType,
): Promise<FlowSpec[]> {
	const live = (await getFlowSpecs(ctx)).filter(
		(flowSpec) =>
			flowSpecServes(flowSpec, exportType) &&
			(flowSpec.targetConnectionSpecIds ?? []).includes(destinationSpecId),
	);
	if (live.length) return live;
	const fallback = FALLBACK_DESTINATIONS.find((d) => d.connectionSpecId === destinationSpecId);
	if (!fallback) return [];
	const id = exportType === 'datasets' ? fallback.datasetFlowSpecId : fallback.audienceFlowSpecId;
	return [{ id, name: `${fallback.name} (${exportType})`, version: '1.0' }];
}

/** Destinations (connection specs) that accept this export type, sorted by name. */
export async function listDestinations(ctx: AepContext, exportType: ExportType): Promise<ConnectionSpec[]> {
	const [specs, flowSpecs] = await Promise.all([getConnectionSpecs(ctx), getFlowSpecs(ctx)]);
	const served = new Set<string>();
	for (const flowSpec of flowSpecs) {
		if (flowSpecServes(flowSpec, exportType)) {
			for (const target of flowSpec.targetConnectionSpecIds ?? []) served.add(target);
		}
	}
	if (served.size === 0) {
		for (const fallback of FALLBACK_DESTINATIONS) served.add(fallback.connectionSpecId);
	}
	return specs
		.filter((spec) => served.has(spec.id))
		.sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

export const exportTypeParameter: INodeProperties = {
	displayName: 'Export Type',
	name: 'exportType',
	type: 'options',
	default: 'datasets',
	options: [
		{ name: 'Audiences', value: 'audiences', description: 'Activate audiences to a file-based destination' },
		{ name: 'Datasets', value: 'datasets', description: 'Export datasets to cloud storage' },
	],
};

/** The destination picker: a searchable list of destinations that accept the chosen export type, or an ID. */
export function destinationLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Destination',
		name: 'destination',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The destination (connection spec) to export to',
		modes: uuidLocatorModes(
			'searchDestinations',
			'e.g. 4fce964d-3f37-408f-9778-e597338a21ee',
			'A connection spec ID is a UUID',
		),
		...overrides,
	};
}

/** listSearch: destinations for the node's Export Type, filtered as the user types. */
export async function searchDestinations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const destinations = await listDestinations(this, editedExportType(this));
	return {
		results: destinations
			.filter((spec) => matchesSearch(filter, spec.name, spec.id))
			.map((spec) => ({ name: spec.name, value: spec.id })),
	};
}

/** Reads the destination locator and checks the connection spec ID before any request. */
export function getDestinationId(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireUuid(
		ctx,
		'Destination',
		ctx.getNodeParameter('destination', itemIndex, '', { extractValue: true }),
		'Allowed: a destination picked from the list, or its connection spec ID (a UUID such as 4fce964d-3f37-408f-9778-e597338a21ee).',
		itemIndex,
	);
}

export function getExportType(ctx: IExecuteFunctions, itemIndex: number): ExportType {
	const value = ctx.getNodeParameter('exportType', itemIndex, 'datasets') as ExportType;
	if (value !== 'datasets' && value !== 'audiences') {
		throw invalidParameter(ctx, 'Export Type', value, 'Allowed: "datasets" or "audiences".', itemIndex);
	}
	return value;
}

/**
 * What a spec's `conditional` reads (`flowSpec.attributes._workflow`): the live flow spec that takes
 * this export type to the destination. Where it says nothing (a seed fallback, no `_workflow`), the
 * export type the user chose stands for it: dataset flows are the `DATASETS` workflow.
 */
export async function conditionalContext(
	ctx: AepContext,
	destinationSpecId: string,
	exportType: ExportType,
): Promise<{ flowSpec: FlowSpec }> {
	const [flowSpec] = await flowSpecsFor(ctx, destinationSpecId, exportType);
	const chosen: FlowSpec = flowSpec ?? { id: '', name: `${exportType} export` };
	const attributes = chosen.attributes ?? {};
	if (attributes._workflow !== undefined || exportType !== 'datasets') return { flowSpec: chosen };
	return { flowSpec: { ...chosen, attributes: { ...attributes, _workflow: 'DATASETS' } } };
}
