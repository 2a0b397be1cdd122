import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import { uuidLocatorModes } from '../descriptions/locators';
import { requireUuid } from '../validation';
import { searchCollectionPage } from './search';

/** Flow Service's filter for destination dataflows only. */
export const DESTINATION_FLOW_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';

const DATAFLOW_ID_EXAMPLE = '0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e';

/** A dataflow picker: a searchable list of destination dataflows, or an ID (default: upstream `id`). */
export function dataflowLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Dataflow',
		name: 'dataflow',
		type: 'resourceLocator',
		default: { mode: 'id', value: '={{ $json.id }}' },
		required: true,
		description: 'The destination dataflow. By default, the ID in the incoming item.',
		modes: uuidLocatorModes(
			'searchDestinationDataflows',
			`e.g. ${DATAFLOW_ID_EXAMPLE}`,
			'A dataflow ID is a UUID',
		),
		...overrides,
	};
}

/** listSearch: destination dataflows, newest first, filtered by name as the user types. */
export async function searchDestinationDataflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollectionPage(this, {
		path: '/flows',
		property: DESTINATION_FLOW_FILTER,
		filter,
		paginationToken,
		describe: (flow) => (flow.state ? `State: ${String(flow.state)}` : undefined),
	});
}

/** Checks a dataflow ID (from the locator, or from a list of them) before any request. */
export function checkDataflowId(
	ctx: IExecuteFunctions | IPollFunctions,
	value: unknown,
	parameter = 'Dataflow',
	itemIndex?: number,
): string {
	return requireUuid(
		ctx,
		parameter,
		value,
		`Allowed: a dataflow picked from the list, or its ID (a UUID such as ${DATAFLOW_ID_EXAMPLE}).`,
		itemIndex,
	);
}

/**
 * Reads the Dataflow locator and checks the ID before any request. A trigger has no items, and
 * its `getNodeParameter` takes no item index: call it without one there.
 */
export function getDataflowId(ctx: IPollFunctions): string;
export function getDataflowId(ctx: IExecuteFunctions, itemIndex: number): string;
export function getDataflowId(ctx: IExecuteFunctions | IPollFunctions, itemIndex?: number): string {
	const value =
		itemIndex === undefined
			? (ctx as IPollFunctions).getNodeParameter('dataflow', '', { extractValue: true })
			: (ctx as IExecuteFunctions).getNodeParameter('dataflow', itemIndex, '', { extractValue: true });
	return checkDataflowId(ctx, value, 'Dataflow', itemIndex);
}
