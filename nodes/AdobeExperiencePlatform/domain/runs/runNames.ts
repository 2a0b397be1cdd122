/**
 * Names people read in run summaries and alerts: the dataflow's name and its destination's, from
 * the dataflow as Flow Service gives it (`GET /flows/{id}`, or the list of dataflows).
 */
import type { IDataObject } from 'n8n-workflow';

import { destinationSpecIdOf, knownDestinationName } from './flowInfo';

export interface DataflowNames {
	dataflowName: string | null;
	/** The destination (Amazon S3, SFTP, ...) its target connection writes to. */
	destinationName: string | null;
}

export function dataflowNamesOf(flow: IDataObject | undefined): DataflowNames {
	if (!flow) return { dataflowName: null, destinationName: null };
	const specId = destinationSpecIdOf(flow);
	return {
		dataflowName: typeof flow.name === 'string' ? flow.name : null,
		destinationName: knownDestinationName(specId) ?? (specId ? `connection spec ${specId}` : null),
	};
}

/** The run summary with the names right after `flowId`, where a reader looks for them. */
export function withDataflowNames(summary: IDataObject, names: DataflowNames | undefined): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(summary)) {
		result[key] = value;
		if (key === 'flowId') {
			result.dataflowName = names?.dataflowName ?? null;
			result.destinationName = names?.destinationName ?? null;
		}
	}
	return result;
}
