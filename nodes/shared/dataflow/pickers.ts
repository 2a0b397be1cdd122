/**
 * Dropdowns for the dataflow nodes: flow specs narrowed to the destination and export type, source
 * and target connections, and the audiences and profile attributes already in a dataflow.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeProperties,
} from 'n8n-workflow';

import type { ExportType, FlowSpec } from '../catalogue';
import { flowSpecServes, flowSpecsFor, getFlowSpecs } from '../catalogue';
import { DATA_LAKE_SOURCE_SPEC_ID, PROFILE_STORE_SOURCE_SPEC_ID } from '../constants';
import { aepRequestBody, continuationTokenOf } from '../transport';
import { dataflowAudiences, dataflowProfileAttributes, getDataflow } from './flows';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A locator's value as the dropdown sees it; expressions that did not resolve count as empty. */
function currentLocatorValue(ctx: ILoadOptionsFunctions, name: string): string {
	try {
		const value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
		return typeof value === 'string' && !value.startsWith('=') ? value.trim() : '';
	} catch {
		return '';
	}
}

function exportTypeOf(ctx: ILoadOptionsFunctions): ExportType {
	return ctx.getCurrentNodeParameter('exportType') === 'audiences' ? 'audiences' : 'datasets';
}

export const AUTOMATIC_FLOW_SPEC = '';

/** loadOptions: the flow specs serving the chosen destination and export type (all of the type without a destination). */
export async function getFlowSpecOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const exportType = exportTypeOf(this);
	const destination = currentLocatorValue(this, 'destination');
	const specs: FlowSpec[] = destination
		? await flowSpecsFor(this, destination, exportType)
		: (await getFlowSpecs(this)).filter((spec) => flowSpecServes(spec, exportType));
	return [
		{
			name: 'Automatic',
			value: AUTOMATIC_FLOW_SPEC,
			description: "The destination's only flow spec for this export type",
		},
		...specs
			.map((spec) => ({ name: String(spec.name ?? spec.id), value: spec.id, description: spec.id }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	];
}

async function searchConnections(
	ctx: ILoadOptionsFunctions,
	path: '/sourceConnections' | '/targetConnections',
	connectionSpecId: string | undefined,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await aepRequestBody<{ items?: IDataObject[]; _links?: { next?: { href?: string } } }>(ctx, {
		method: 'GET',
		path,
		qs: {
			...(connectionSpecId ? { property: `connectionSpec.id==${connectionSpecId}` } : {}),
			limit: 100,
			orderby: '-createdAt',
			...(paginationToken ? { continuationToken: paginationToken } : {}),
		},
	});
	const wanted = filter?.trim().toLowerCase();
	return {
		results: (page.items ?? [])
			.filter((c) => !wanted || `${c.name ?? ''} ${c.id}`.toLowerCase().includes(wanted))
			.map((c) => ({ name: String(c.name ?? c.id), value: String(c.id) })),
		paginationToken: continuationTokenOf(page._links?.next?.href),
	};
}

/** listSearch: source connections of the node's export type (Data Lake or Profile store), newest first. */
export async function searchSourceConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const spec = exportTypeOf(this) === 'datasets' ? DATA_LAKE_SOURCE_SPEC_ID : PROFILE_STORE_SOURCE_SPEC_ID;
	return await searchConnections(this, '/sourceConnections', spec, filter, paginationToken);
}

/** listSearch: target connections of the chosen destination (all of them without one), newest first. */
export async function searchTargetConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const destination = currentLocatorValue(this, 'destination');
	return await searchConnections(this, '/targetConnections', destination || undefined, filter, paginationToken);
}

async function currentDataflow(ctx: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	const id = currentLocatorValue(ctx, 'dataflow');
	return UUID.test(id) ? await getDataflow(ctx, id) : undefined;
}

/** loadOptions: the audiences already in the chosen dataflow. */
export async function getDataflowAudienceOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const flow = await currentDataflow(this);
	if (!flow) return [];
	return dataflowAudiences(flow)
		.filter((audience) => typeof audience.id === 'string')
		.map((audience) => ({
			name: String(audience.name ?? audience.id),
			value: String(audience.id),
			description: [audience.id, audience.exportMode, audience.frequency].filter(Boolean).join(' · '),
		}));
}

/** loadOptions: the profile attributes already in the chosen dataflow. */
export async function getDataflowProfileAttributeOptions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const flow = await currentDataflow(this);
	if (!flow) return [];
	return dataflowProfileAttributes(flow).map((path) => ({ name: path, value: path }));
}

/** A source or target connection picker: a list, or an ID (by default from upstream items). */
export function connectionLocator(
	kind: 'source' | 'target',
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	const source = kind === 'source';
	return {
		displayName: source ? 'Source Connection' : 'Target Connection',
		name: source ? 'sourceConnection' : 'targetConnection',
		type: 'resourceLocator',
		default: {
			mode: 'id',
			value: source ? "={{ $('AEP Create Source Connection').item.json.id }}" : '={{ $json.id }}',
		},
		required: true,
		description: source
			? 'The source connection (the Data Lake for datasets, the Profile store for audiences). By default, the ID the "AEP Create Source Connection" node output.'
			: 'The target connection (where files land). By default, the ID in the incoming item.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: source ? 'searchSourceConnections' : 'searchTargetConnections',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12ab90c7-519c-4291-bd20-d64186b62da8',
			},
		],
		...overrides,
	};
}
