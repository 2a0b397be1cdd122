/**
 * The engine runner: workflow JSON through n8n-core's real WorkflowExecute, with this package's nodes and
 * credentials loaded from the package.json `n8n` section (their TypeScript sources).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { TestCredentialsHelper } from './credentials';
import type { OperationAddress } from './nodes';
import { addressed } from './nodes';
import { HarnessStart } from './start-node';
import { HarnessTransport } from './transport-node';

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-adobe-experience-platform';

interface Manifest {
	n8n: { nodes: string[]; credentials: string[] };
}

function sourceOf(distPath: string): string {
	return path.join(PACKAGE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function loadClass<T>(distPath: string): T {
	// The manifest is the list of what n8n will load; the harness loads the same list.
	const module = require(sourceOf(distPath)) as Record<string, new () => T>;
	const className = path.basename(distPath).split('.')[0];
	const Class = module[className];
	if (!Class) throw new Error(`${distPath}: no export named ${className}`);
	return new Class();
}

let loaded: { nodes: Map<string, INodeType>; credentials: Map<string, ICredentialType> } | undefined;

/** Node types by their full name (`<package>.<name>`) and credential types by name. */
export function loadPackage() {
	if (loaded) return loaded;
	const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Manifest;
	const nodes = new Map<string, INodeType>();
	for (const file of manifest.n8n.nodes) {
		const node = loadClass<INodeType>(file);
		nodes.set(`${PACKAGE_NAME}.${node.description.name}`, node);
	}
	nodes.set(HarnessStart.type, new HarnessStart());
	nodes.set(HarnessTransport.type, new HarnessTransport());
	const credentials = new Map<string, ICredentialType>();
	for (const file of manifest.n8n.credentials) {
		const credential = loadClass<ICredentialType>(file);
		credentials.set(credential.name, credential);
	}
	loaded = { nodes, credentials };
	return loaded;
}

export function nodeTypes(): INodeTypes {
	const { nodes } = loadPackage();
	return {
		getByName: (type: string) => {
			const node = nodes.get(type);
			if (!node) throw new Error(`Unknown node type ${type}`);
			return node as INodeType | IVersionedNodeType;
		},
		getByNameAndVersion: (type: string) => {
			const node = nodes.get(type);
			if (!node) throw new Error(`Unknown node type ${type}`);
			return node;
		},
		getKnownTypes: () => ({}) as IDataObject,
	};
}

export interface WorkflowRun {
	run: IRun;
	/** Items the node produced on its first output, in its last run. */
	output(nodeName: string): INodeExecutionData[];
	/** The error the node raised, if it failed. */
	error(nodeName: string): (Error & { description?: string; context?: IDataObject; httpCode?: string }) | undefined;
	executedNodes: string[];
}

export interface RunWorkflowOptions {
	nodes: INode[];
	connections: IConnections;
	credentials: TestCredentialsHelper;
	/** Items the start node emits. */
	input?: IDataObject[];
	mode?: WorkflowExecuteMode;
	executionId?: string;
	/** The workflow's time zone setting (n8n's default otherwise). */
	timezone?: string;
}

/** The instance addresses n8n hands every node context; nothing in these tests calls them. */
export const INSTANCE_URLS = {
	restApiUrl: 'http://localhost:5678/rest',
	instanceBaseUrl: 'http://localhost:5678/',
	webhookBaseUrl: 'http://localhost:5678/webhook',
	webhookWaitingBaseUrl: 'http://localhost:5678/webhookwaiting',
	webhookTestBaseUrl: 'http://localhost:5678/webhooktest',
	formWaitingBaseUrl: 'http://localhost:5678/formwaiting',
};

let executionCounter = 0;

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRun> {
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: options.nodes,
		connections: options.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: options.nodes,
		connections: options.connections,
		active: false,
		nodeTypes: nodeTypes(),
		settings: options.timezone ? { timezone: options.timezone } : {},
	});
	const executionId = options.executionId ?? `test-${++executionCounter}`;
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		executedNodes.push(nodeName);
	});
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => finish(run));

	const additionalData = {
		credentialsHelper: options.credentials,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		...INSTANCE_URLS,
		formBaseUrl: 'http://localhost:5678/form',
		formTestBaseUrl: 'http://localhost:5678/formtest',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcptest',
		variables: {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const start = options.nodes.find((node) => node.type === HarnessStart.type);
	if (!start) throw new Error(`the workflow needs a start node of type ${HarnessStart.type}`);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: start,
					data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	const execute = new WorkflowExecute(additionalData, mode, runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;

	return {
		run,
		executedNodes,
		output(nodeName) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs?.length) throw new Error(`node "${nodeName}" did not run`);
			return runs[runs.length - 1].data?.main?.[0] ?? [];
		},
		error(nodeName) {
			const runs = run.data.resultData.runData[nodeName];
			return runs?.[runs.length - 1]?.error as ReturnType<WorkflowRun['error']>;
		},
	};
}

/** Builds a straight chain Start → nodes[0] → nodes[1] … with the credential attached. */
export function chain(
	nodes: Array<{ name: string; type: string | OperationAddress; parameters: IDataObject; credentials?: boolean; typeVersion?: number }>,
	credentialId = 'aep-1',
	options: { continueOnFail?: boolean } = {},
): { nodes: INode[]; connections: IConnections } {
	const all: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: HarnessStart.type,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...nodes.map((node, index): INode => {
			const { type, parameters } = addressed(node.type, node.parameters);
			return {
				id: `node-${index}`,
				name: node.name,
				type: type.includes('.') ? type : `${PACKAGE_NAME}.${type}`,
				typeVersion: node.typeVersion ?? 1,
				position: [200 * (index + 1), 0],
				parameters: parameters as INode['parameters'],
				...(node.credentials === false
					? {}
					: { credentials: { aepPlatformApi: { id: credentialId, name: 'AEP' } } }),
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			};
		}),
	];
	const connections: IConnections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: all, connections };
}
