/**
 * Runs a polling trigger the way n8n does: n8n-core's real PollContext handed to
 * TriggersAndPollers.runPollFunction (what the active-workflow manager calls on every tick, and
 * what WorkflowExecute uses in manual mode). Static data goes in and comes out as JSON, as n8n
 * keeps it in its database, so every poll also stands for a restart of n8n.
 */
import { PollContext, TriggersAndPollers } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import { INSTANCE_URLS, nodeTypes, PACKAGE_NAME } from './engine';

export interface PollOptions {
	/** The node type's short name, e.g. `adobeExperiencePlatformTrigger`. */
	type: string;
	parameters: IDataObject;
	credentials: TestCredentialsHelper;
	/** 'trigger' for an active workflow's poll, 'manual' for "Fetch Test Event". */
	mode: 'trigger' | 'manual';
	/** The workflow's static data as n8n saved it after the previous poll. */
	staticData?: IDataObject;
	credentialId?: string;
	/** The node's version; 1 unless given. */
	typeVersion?: number;
}

export interface PollResult {
	/** What the poll returned on its one output, or null when it returned null. */
	items: INodeExecutionData[] | null;
	/** The workflow's static data after the poll, as JSON. */
	staticData: IDataObject;
}

export const TRIGGER_NODE_NAME = 'Trigger';

export async function pollNode(options: PollOptions): Promise<PollResult> {
	const node: INode = {
		id: 'trigger',
		name: TRIGGER_NODE_NAME,
		type: `${PACKAGE_NAME}.${options.type}`,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { aepPlatformApi: { id: options.credentialId ?? 'aep-1', name: 'AEP' } },
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: [node],
		connections: {},
		active: options.mode === 'trigger',
		nodeTypes: nodeTypes(),
		staticData: JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject,
		settings: {},
	});
	// A plain object (no execution ID) as n8n's active-workflow manager passes to pollers.
	const additionalData = {
		credentialsHelper: options.credentials,
		currentNodeExecutionIndex: 0,
		...INSTANCE_URLS,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const activation: WorkflowActivateMode = options.mode === 'manual' ? 'manual' : 'activate';
	const workflowNode = workflow.getNode(TRIGGER_NODE_NAME)!;
	const context = new PollContext(workflow, workflowNode, additionalData, options.mode, activation);
	const response = await new TriggersAndPollers().runPollFunction(workflow, workflowNode, context);
	return {
		items: response === null ? null : response[0],
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
	};
}
