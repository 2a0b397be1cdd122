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

import type { FlowSpec } from '../catalogue';
import { flowSpecServes, flowSpecsFor, getFlowSpecs, sourceSpecOf } from '../catalogue';
import { editedExportType, editedLocatorValue } from '../methods/editor';
import { searchCollectionPage } from '../methods/search';
import { isUuid } from '../validation';
import { dataflowAudiences, dataflowProfileAttributes, getDataflow } from './flows';

export const AUTOMATIC_FLOW_SPEC = '';

/** loadOptions: the flow specs serving the chosen destination and export type (all of the type without a destination). */
export async function getFlowSpecOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const exportType = editedExportType(this);
	const destination = editedLocatorValue(this, 'destination');
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

/** listSearch: source connections of the node's export type (Data Lake or Profile store), newest first. */
export async function searchSourceConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const spec = sourceSpecOf(editedExportType(this));
	return await searchCollectionPage(this, {
		path: '/sourceConnections',
		property: `connectionSpec.id==${spec}`,
		filter,
		paginationToken,
	});
}

/** listSearch: target connections of the chosen destination (all of them without one), newest first. */
export async function searchTargetConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const destination = editedLocatorValue(this, 'destination');
	return await searchCollectionPage(this, {
		path: '/targetConnections',
		property: destination ? `connectionSpec.id==${destination}` : undefined,
		filter,
		paginationToken,
	});
}

async function currentDataflow(ctx: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	const id = editedLocatorValue(ctx, 'dataflow');
	return isUuid(id) ? await getDataflow(ctx, id) : undefined;
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
