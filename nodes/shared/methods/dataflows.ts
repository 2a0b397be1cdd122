import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import { aepRequestBody, continuationTokenOf } from '../transport';
import { invalidParameter } from '../validation';

/** Flow Service's filter for destination dataflows only. */
export const DESTINATION_FLOW_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';

const FLOW_ID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** A dataflow picker: a searchable list of destination dataflows, or an ID (default: upstream `id`). */
export function dataflowLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Dataflow',
		name: 'dataflow',
		type: 'resourceLocator',
		default: { mode: 'id', value: '={{ $json.id }}' },
		required: true,
		description: 'The destination dataflow. By default, the ID in the incoming item.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDestinationDataflows', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e',
				validation: [
					{
						type: 'regex',
						properties: { regex: FLOW_ID_PATTERN, errorMessage: 'A dataflow ID is a UUID' },
					},
				],
			},
		],
		...overrides,
	};
}

/** listSearch: destination dataflows, newest first, filtered by name as the user types. */
export async function searchDestinationDataflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await aepRequestBody<{ items?: IDataObject[]; _links?: { next?: { href?: string } } }>(this, {
		method: 'GET',
		path: '/flows',
		qs: {
			property: DESTINATION_FLOW_FILTER,
			limit: 100,
			orderby: '-createdAt',
			...(paginationToken ? { continuationToken: paginationToken } : {}),
		},
	});
	const wanted = filter?.trim().toLowerCase();
	const results = (page.items ?? [])
		.filter((flow) => !wanted || `${flow.name ?? ''} ${flow.id}`.toLowerCase().includes(wanted))
		.map((flow) => ({
			name: String(flow.name ?? flow.id),
			value: String(flow.id),
			description: flow.state ? `State: ${String(flow.state)}` : undefined,
		}));
	return { results, paginationToken: continuationTokenOf(page._links?.next?.href) };
}

/** Reads the dataflow locator and checks the ID before any request. */
export function getDataflowId(
	ctx: IExecuteFunctions | IPollFunctions,
	itemIndex: number,
	parameterName = 'dataflow',
): string {
	const raw = ctx.getNodeParameter(parameterName, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof id !== 'string' || !new RegExp(FLOW_ID_PATTERN).test(id)) {
		throw invalidParameter(
			ctx,
			'Dataflow',
			raw,
			'Allowed: a dataflow ID (a UUID such as 0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e), picked from the list or taken from the incoming item.',
			itemIndex,
		);
	}
	return id;
}
