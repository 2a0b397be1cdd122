/**
 * Names people read in run summaries and alerts: the dataflow's name and its destination's, from
 * the dataflow as Flow Service gives it (`GET /flows/{id}`, or the list of dataflows).
 */
import type { IDataObject } from 'n8n-workflow';

import { FALLBACK_DESTINATIONS } from '../catalogue';

export interface DataflowNames {
	dataflowName: string | null;
	/** The destination (Amazon S3, SFTP, ...) its target connection writes to. */
	destinationName: string | null;
}

function destinationSpecIdOf(flow: IDataObject): string | undefined {
	const inherited = (flow.inheritedAttributes ?? {}) as IDataObject;
	const targets = Array.isArray(inherited.targetConnections) ? (inherited.targetConnections as IDataObject[]) : [];
	const spec = (targets[0]?.connectionSpec ?? {}) as IDataObject;
	return typeof spec.id === 'string' ? spec.id : undefined;
}

export function dataflowNamesOf(flow: IDataObject | undefined): DataflowNames {
	if (!flow) return { dataflowName: null, destinationName: null };
	const specId = destinationSpecIdOf(flow);
	const known = FALLBACK_DESTINATIONS.find((destination) => destination.connectionSpecId === specId);
	return {
		dataflowName: typeof flow.name === 'string' ? flow.name : null,
		destinationName: known?.name ?? (specId ? `connection spec ${specId}` : null),
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
