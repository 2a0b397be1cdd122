import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as audience from './audience/Audience.resource';
import * as baseConnection from './baseConnection/BaseConnection.resource';
import * as dataLandingZone from './dataLandingZone/DataLandingZone.resource';
import * as dataflow from './dataflow/Dataflow.resource';
import * as dataset from './dataset/Dataset.resource';
import * as run from './run/Run.resource';
import * as sourceConnection from './sourceConnection/SourceConnection.resource';
import * as targetConnection from './targetConnection/TargetConnection.resource';

/** An operation runs over all input items itself (most per item; one source connection may take them all). */
interface Operation {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

const OPERATIONS: Record<string, Record<string, Operation>> = {
	audience: { getAll: audience.getAll },
	baseConnection: {
		create: baseConnection.create,
		delete: baseConnection.deleteConnection,
		get: baseConnection.get,
		getAll: baseConnection.getAll,
		updateCredentials: baseConnection.updateCredentials,
	},
	dataflow: {
		create: dataflow.create,
		delete: dataflow.deleteDataflow,
		exportNow: dataflow.exportNow,
		extendEndTime: dataflow.extendEndTime,
		get: dataflow.get,
		getAll: dataflow.getAll,
		patch: dataflow.patch,
	},
	dataLandingZone: { downloadFile: dataLandingZone.downloadFile, listFiles: dataLandingZone.listFiles },
	dataset: { list: dataset.list },
	run: { get: run.get, getAll: run.getAll },
	sourceConnection: {
		create: sourceConnection.create,
		delete: sourceConnection.deleteConnection,
		get: sourceConnection.get,
		getAll: sourceConnection.getAll,
	},
	targetConnection: {
		create: targetConnection.create,
		delete: targetConnection.deleteConnection,
		get: targetConnection.get,
		getAll: targetConnection.getAll,
		update: targetConnection.update,
	},
};

/** Searches whose empty result gets a hint (Get Runs words its own). */
const FINDS: Record<string, string> = {
	'audience.getAll': 'audience',
	'baseConnection.getAll': 'base connection',
	'dataflow.getAll': 'dataflow',
	'dataLandingZone.listFiles': 'Data Landing Zone file',
	'dataset.list': 'dataset',
	'sourceConnection.getAll': 'source connection',
	'targetConnection.getAll': 'target connection',
};

/** Runs the operation the node is set to. Resource and operation are the same for every item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = Object.hasOwn(OPERATIONS, resource) ? OPERATIONS[resource] : undefined;
	if (!chosen || !Object.hasOwn(chosen, operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`, {
			description: `Supported: ${Object.entries(OPERATIONS)
				.map(([name, operations]) => `${name} (${Object.keys(operations).join(', ')})`)
				.join('; ')}.`,
		});
	}
	const output = await chosen[operation].execute.call(this);
	const found = FINDS[`${resource}.${operation}`];
	if (found && this.getInputData().length > 0 && output.every((items) => items.length === 0)) {
		// A search that finds nothing ends the workflow quietly: say so where the user looks.
		this.addExecutionHints({
			message: `No ${found} matched, so this node output no item and the nodes after it did not run.`,
			location: 'outputPane',
		});
	}
	return output;
}
