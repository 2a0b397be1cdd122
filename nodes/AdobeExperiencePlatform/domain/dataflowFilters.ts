/**
 * Flow Service `property=` filters for listing destination dataflows (Adobe's "sort and filter"
 * guide): repeated `property` means AND, `[]` walks an array.
 */

/** Only destination dataflows. */
export const DESTINATION_FLOWS = 'inheritedAttributes.properties.isDestinationFlow==true';

export interface DataflowListFilters {
	/** Destination (connection spec) ID. */
	destinationId?: string;
	audienceId?: string;
	/** Source connections that hold the dataset (found beforehand). */
	sourceConnectionIds?: string[];
	state?: 'enabled' | 'disabled';
}

export function dataflowPropertyFilters(filters: DataflowListFilters): string[] {
	const property = [DESTINATION_FLOWS];
	if (filters.destinationId) property.push(`inheritedAttributes.targetConnections[].connectionSpec.id==${filters.destinationId}`);
	if (filters.audienceId) property.push(`transformations[].params.segmentSelectors.selectors[].value.id==${filters.audienceId}`);
	if (filters.sourceConnectionIds?.length) property.push(`sourceConnectionIds[]==${filters.sourceConnectionIds.join(',')}`);
	if (filters.state) property.push(`state==${filters.state}`);
	return property;
}

/** Source connections exporting a dataset (the dataset IDs are fixed at creation). */
export function datasetSourceFilter(datasetId: string): string {
	return `params.datasets[].dataSetId==${datasetId}`;
}

/** Whether a name contains the wanted text, any case; empty text keeps everything. */
export function nameContains(name: unknown, wanted: string | undefined): boolean {
	const text = wanted?.trim().toLowerCase();
	return !text || String(name ?? '').toLowerCase().includes(text);
}
