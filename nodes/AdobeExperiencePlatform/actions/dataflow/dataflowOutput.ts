/** The item Dataflow → Get, Get Many and Extend End Time output for one dataflow. */
import type { IDataObject } from 'n8n-workflow';

import { dataflowItem, flowExportType } from '../../domain/dataflow';
import { datasetFlowExpiry } from '../../domain/expiry';

/** The dataflow's key facts, when a dataset dataflow stops (null for audience dataflows), then the flow. */
export function dataflowOutput(flow: IDataObject, nowMs: number, extra: IDataObject = {}): IDataObject {
	const expiry =
		flowExportType(flow) === 'datasets'
			? datasetFlowExpiry(flow, nowMs)
			: { endsAt: null, daysLeft: null, endsBy: null };
	return dataflowItem(flow, { ...expiry, ...extra });
}
