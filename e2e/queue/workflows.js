'use strict';
/**
 * The workflows the queue-mode test runs, built from examples/ where one exists:
 * - the dataset export pipeline (examples/dataset-export-pipeline.json, made runnable by
 *   e2e/lib/aep.js) started by a production webhook instead of the manual trigger, so main puts each
 *   call on the queue and a worker runs it: every create node keeps "Reuse It" (its default) and the
 *   same fixed names in all executions;
 * - a light Get Runs workflow (webhook → Run → Get Many of the dataflow named in the call's body);
 * - the trigger: Adobe Experience Platform Trigger on one dataflow, any finished run, every minute
 *   (n8n refuses polling more often than once a minute), into a No Op.
 */
const crypto = require('crypto');

const { PACKAGE_NAME, isOperation, runnablePipeline } = require('../lib/aep');

const NODE_TYPE = `${PACKAGE_NAME}.adobeExperiencePlatform`;
const TRIGGER_TYPE = `${PACKAGE_NAME}.adobeExperiencePlatformTrigger`;

function webhookNode(name, webhookPath, position) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		webhookId: crypto.randomUUID(),
		// answer at once: the call only queues the execution
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	};
}

/** The example pipeline, its manual trigger replaced by a webhook of the same name. */
function pipelineWorkflow({ id, webhookPath, aepCredential, s3Credential }) {
	const workflow = runnablePipeline({ aepCredential, s3Credential });
	workflow.nodes = workflow.nodes.map((node) =>
		node.type === 'n8n-nodes-base.manualTrigger' ? webhookNode(node.name, webhookPath, node.position) : node,
	);
	for (const node of workflow.nodes) {
		if (node.type !== NODE_TYPE || node.parameters.operation !== 'create') continue;
		// the default, written out so the test says what it proves
		node.parameters = { ...node.parameters, ifExists: 'reuse' };
	}
	return { ...workflow, id, name: 'queue e2e: dataset export pipeline (Reuse It)', active: false };
}

/** The fixed names the pipeline creates, by Flow Service collection (the dataset's name comes from the simulation). */
function pipelineNames(workflow, datasetName) {
	const byOperation = (resource) => workflow.nodes.find((n) => isOperation(n, resource, 'create'));
	const fixed = (resource) => {
		const name = byOperation(resource).parameters.name;
		if (typeof name !== 'string' || name.startsWith('=')) return `Export of ${datasetName}`;
		return name;
	};
	return {
		sourceConnections: fixed('sourceConnection'),
		connections: fixed('baseConnection'),
		targetConnections: fixed('targetConnection'),
		flows: fixed('dataflow'),
	};
}

function getRunsWorkflow({ id, webhookPath, aepCredential }) {
	const webhook = webhookNode('Get Runs Call', webhookPath, [0, 0]);
	const getRuns = {
		id: crypto.randomUUID(),
		name: 'AEP Get Runs',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [240, 0],
		parameters: {
			resource: 'run',
			operation: 'getAll',
			dataflow: { __rl: true, mode: 'id', value: '={{ $json.body.flowId }}' },
			waitForCompletion: false,
			returnAll: false,
			limit: 5,
		},
		credentials: { aepPlatformApi: aepCredential },
	};
	return {
		id,
		name: 'queue e2e: Get Runs',
		active: false,
		nodes: [webhook, getRuns],
		connections: { [webhook.name]: { main: [[{ node: getRuns.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

function triggerWorkflow({ id, flowId, aepCredential }) {
	const trigger = {
		id: crypto.randomUUID(),
		name: 'AEP Run Finished',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			watch: 'one',
			dataflow: { __rl: true, mode: 'id', value: flowId },
			event: 'anyFinished',
		},
		credentials: { aepPlatformApi: aepCredential },
	};
	const noOp = { id: crypto.randomUUID(), name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} };
	return {
		id,
		name: 'queue e2e: trigger',
		active: false,
		nodes: [trigger, noOp],
		connections: { [trigger.name]: { main: [[{ node: noOp.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { NODE_TYPE, TRIGGER_TYPE, getRunsWorkflow, pipelineNames, pipelineWorkflow, triggerWorkflow };
