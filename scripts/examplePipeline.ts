/**
 * examples/dataset-export-pipeline.json made runnable against the local simulation: a harness start
 * node instead of the manual trigger, the given credentials, a dataset the simulation serves, and
 * quick polling. Used by `npm run demo` and `npm run bench`.
 */
import type { IConnections, INode } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../test/harness/engine';
import { HarnessStart } from '../test/harness/start-node';

export interface WorkflowFile {
	nodes: INode[];
	connections: IConnections;
}

export interface CredentialRef {
	id: string;
	name: string;
}

/** The simulation serves seed 000's datasets; this one is on the first page. */
export const PIPELINE_DATASET = 'AAM Devices Data';

export function loadPipeline(aep: CredentialRef, s3: CredentialRef): WorkflowFile {
	const file = path.join(PACKAGE_ROOT, 'examples', 'dataset-export-pipeline.json');
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowFile;
	const nodes = workflow.nodes
		.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
		.map((node): INode => {
			if (node.type === 'n8n-nodes-base.manualTrigger') {
				return { ...node, type: HarnessStart.type, parameters: {} };
			}
			const credentials: INode['credentials'] = { aepPlatformApi: aep };
			if (node.parameters.storageCredential === 'aepAmazonS3AccessKeyApi') {
				credentials.aepAmazonS3AccessKeyApi = s3;
			}
			const parameters = { ...node.parameters };
			if (node.parameters.resource === 'dataset' && node.parameters.operation === 'list') {
				parameters.filters = { nameContains: PIPELINE_DATASET };
			}
			if (node.parameters.resource === 'run' && node.parameters.operation === 'getAll') {
				parameters.pollIntervalSeconds = 1;
				parameters.timeoutSeconds = 60;
			}
			return { ...node, parameters, credentials };
		});
	return { nodes, connections: workflow.connections };
}
