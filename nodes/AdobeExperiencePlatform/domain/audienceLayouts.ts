import type { IDataObject } from 'n8n-workflow';

/** Audience dataflows are created with empty selectors; Dataflow → Patch fills them. */
export const AUDIENCE_LAYOUTS: Record<string, IDataObject[]> = {
	// "Connect to batch destinations and activate data using the Flow Service API" and the API
	// reference's Create_Batch_Destination_Flow: selectors listed in the dataflow.
	profileSelectors: [
		{ name: 'GeneralTransform', params: { segmentSelectors: { selectors: [] }, profileSelectors: { selectors: [] } } },
	],
	// The API reference's Create_Batch_Destination_Flow_Segment_V2, and "Activate audiences to
	// file-based destinations by using the Flow Service API" (Azure Blob): a Data Prep mapping set.
	mappingSet: [
		{
			name: 'GeneralTransform',
			params: { mandatoryFields: [], primaryFields: [], profileMapping: {}, segmentSelectors: { selectors: [] } },
		},
	],
	// "Activate audiences to file-based destinations by using the Flow Service API" (the other
	// destinations): no transformation, AEP adds it.
	none: [],
};
