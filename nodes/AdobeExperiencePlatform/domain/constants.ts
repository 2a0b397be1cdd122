/** The Data Lake source spec: datasets are exported from it, and it lists the eligible ones. */
export const DATA_LAKE_SOURCE_SPEC_ID = '23598e46-f560-407b-88d5-ea6207e49db0';

/** The Profile store source spec, for audience activation. */
export const PROFILE_STORE_SOURCE_SPEC_ID = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';

/** Links to Adobe's documentation used by node descriptions and codex files. */
export const DOCS = {
	exportDatasets:
		'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/api/export-datasets',
	activateAudiences:
		'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/api/activate-segments-file-based-destinations',
	flowServiceApi: 'https://developer.adobe.com/experience-platform-apis/references/destinations/',
	/** Adobe's reference for `GET /runs`. */
	runs: 'https://developer.adobe.com/experience-platform-apis/references/destinations/#tag/Dataflow-runs/operation/getFlowRuns',
};
