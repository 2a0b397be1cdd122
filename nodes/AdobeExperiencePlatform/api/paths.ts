/**
 * Every Flow Service path this package calls, below `/data/foundation/flowservice`. Nothing outside
 * `api/` writes a path: operations and dropdowns call the functions of this folder.
 */
import { DATA_LAKE_SOURCE_SPEC_ID } from '../domain/constants';

const id = (value: string) => encodeURIComponent(value);

/** The collections a record can be created in and looked up by name. */
export const COLLECTIONS = {
	baseConnections: '/connections',
	sourceConnections: '/sourceConnections',
	targetConnections: '/targetConnections',
	flows: '/flows',
} as const;

export type Collection = keyof typeof COLLECTIONS;

export const PATHS = {
	connectionSpecs: '/connectionSpecs',
	connectionSpec: (specId: string) => `/connectionSpecs/${id(specId)}`,
	/** The datasets the Data Lake source can export (`outputType=activationDatasets`). */
	eligibleDatasets: `/connectionSpecs/${DATA_LAKE_SOURCE_SPEC_ID}/configs`,
	flowSpecs: '/flowSpecs',
	flows: COLLECTIONS.flows,
	flow: (flowId: string) => `/flows/${id(flowId)}`,
	flowAction: (flowId: string) => `/flows/${id(flowId)}/action`,
	runs: '/runs',
	run: (runId: string) => `/runs/${id(runId)}`,
	baseConnection: (connectionId: string) => `/connections/${id(connectionId)}`,
	sourceConnection: (connectionId: string) => `/sourceConnections/${id(connectionId)}`,
	targetConnection: (connectionId: string) => `/targetConnections/${id(connectionId)}`,
};

/** Paths of other Platform services, below the gateway (not below Flow Service). */
export const PLATFORM_PATHS = {
	/** Ad hoc activation API ("export now") for audiences (v2) and datasets. */
	adhocRun: '/data/core/activation/disflowprovider/adhocrun',
	/** Segmentation service audiences, for pickers. */
	audiences: '/data/core/ups/audiences',
	/** SAS credential of the Data Landing Zone destination container (`?type=dlz_destination`). */
	landingZoneCredentials: '/data/foundation/connectors/landingzone/credentials',
};
