/** Searchable lists of the resource locators, filtered as the user types. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchAudiencePage } from '../api/audiences';
import { listDestinations } from '../api/catalogue';
import { matchesSearch, searchCollectionPage } from '../api/collections';
import { searchEligibleDatasets } from '../api/datasets';
import { DESTINATION_FLOW_FILTER } from '../api/flows';
import { sourceSpecOf } from '../domain/catalogue';
import { datasetChoice } from '../domain/datasets';
import { editedExportType, editedLocatorValue } from './editedParameters';

/** Destinations for the node's Export Type. */
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

/** Destination dataflows, newest first. */
export async function searchDestinationDataflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollectionPage(this, {
		collection: 'flows',
		property: DESTINATION_FLOW_FILTER,
		filter,
		paginationToken,
		describe: (flow) => (flow.state ? `State: ${String(flow.state)}` : undefined),
	});
}

/** Source connections of the node's export type (Data Lake or Profile store), newest first. */
export async function searchSourceConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const spec = sourceSpecOf(editedExportType(this));
	return await searchCollectionPage(this, {
		collection: 'sourceConnections',
		property: `connectionSpec.id==${spec}`,
		filter,
		paginationToken,
	});
}

/** Target connections of the chosen destination (all of them without one), newest first. */
export async function searchTargetConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchConnectionsOfDestination(this, 'targetConnections', filter, paginationToken);
}

/** Connections of the destination being edited (all of them without one), newest first. */
async function searchConnectionsOfDestination(
	ctx: ILoadOptionsFunctions,
	collection: 'baseConnections' | 'targetConnections',
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const destination = editedLocatorValue(ctx, 'destination');
	return await searchCollectionPage(ctx, {
		collection,
		property: destination ? `connectionSpec.id==${destination}` : undefined,
		filter,
		paginationToken,
	});
}

/** Audiences from the Segmentation service, by name, a page at a time. */
export async function searchAudiences(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchAudiencePage(this, filter, paginationToken);
}

/** Base connections of the chosen destination (all of them without one), newest first. */
export async function searchBaseConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchConnectionsOfDestination(this, 'baseConnections', filter, paginationToken);
}

/** Every source connection (Data Lake and Profile store), newest first. */
export async function searchAnySourceConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollectionPage(this, { collection: 'sourceConnections', filter, paginationToken });
}

/**
 * Datasets eligible for export, a page of 100 at a time in AEP's order (one request per page,
 * pages kept two minutes). Catalog has no name search here, so a search reads pages until 50 match.
 */
export async function searchDatasets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const from = Number(paginationToken ?? 0);
	const { datasets, next } = await searchEligibleDatasets(this, {
		filter,
		start: Number.isSafeInteger(from) && from > 0 ? from : 0,
		matches: (dataset) => matchesSearch(filter, dataset.name, dataset.id),
	});
	return {
		results: datasets.map(datasetChoice),
		paginationToken: next === undefined ? undefined : String(next),
	};
}
