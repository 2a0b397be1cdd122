/**
 * The ONE place the fault suite touches the test harness and the simulation. After the node
 * refactor (issue 10) merges, re-point the imports below (marked RE-POINT) and nothing else.
 *
 * The pipeline is the shipped example `examples/dataset-export-pipeline.json`; node types and
 * credential types are read from it and from the package manifest, never typed here.
 */
import type { ICredentialDataDecryptedObject, IConnections, IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// RE-POINT: harness entry points (runWorkflow, chain, loadPackage, PACKAGE_ROOT).
import { chain, loadPackage, PACKAGE_ROOT, runWorkflow } from '../test/harness/engine';
import type { WorkflowRun } from '../test/harness/engine';
// RE-POINT: the credentials helper n8n's engine authenticates through.
import { TestCredentialsHelper } from '../test/harness/credentials';
// RE-POINT: the process-wide memory of IMS tokens (one per credential values), forgotten for each new credential.
import { forgetImsTokens } from '../credentials/AepPlatformApi.credentials';
// RE-POINT: the simulation.
import { startSimulation } from '../sim';
import type { Simulation } from '../sim';

export { startSimulation };
export type { Simulation, WorkflowRun };

/** The example driven by the suite (relative to the repository root). */
export const PIPELINE_FILE = 'examples/dataset-export-pipeline.json';
/** The parameter that names the storage credential type on the base-connection step (kept by the contract). */
export const STORAGE_CREDENTIAL_PARAMETER = 'storageCredential';

export interface Pipeline {
	nodes: INode[];
	connections: IConnections;
	/** Names of the package's nodes in execution order (the chain from the trigger). */
	steps: string[];
}

interface WorkflowFile {
	nodes: INode[];
	connections: IConnections;
}

function packageTypePrefix(): string {
	const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string };
	return `${manifest.name}.`;
}

/** Credential types a node type declares (names only), or [] for types not in this package. */
export function credentialTypesOf(nodeType: string): Array<{ name: string; required?: boolean; conditional: boolean }> {
	const node = loadPackage().nodes.get(nodeType);
	return (node?.description.credentials ?? []).map((c) => ({ name: c.name, required: c.required, conditional: !!c.displayOptions }));
}

export function credentialProperties(type: string): INodeProperties[] {
	const credential = loadPackage().credentials.get(type);
	if (!credential) throw new Error(`unknown credential type ${type}`);
	return credential.properties;
}

/**
 * The example as the harness runs it: sticky notes dropped, the trigger replaced by the harness's
 * start node (taken from `chain([])`, so its type is not named here), every package node given
 * every credential its type declares (`credentialIds`: type → id).
 */
export function loadPipeline(credentialIds: Record<string, string>): Pipeline {
	const file = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, PIPELINE_FILE), 'utf8')) as WorkflowFile;
	const prefix = packageTypePrefix();
	const start = chain([]).nodes[0];
	const targets = new Set(
		Object.values(file.connections).flatMap((outputs) =>
			Object.values(outputs).flat(2).map((c) => (c as { node: string }).node),
		),
	);
	const wired = file.nodes.filter((node) => targets.has(node.name) || file.connections[node.name]);
	const trigger = wired.find((node) => !targets.has(node.name));
	if (!trigger) throw new Error(`${PIPELINE_FILE}: no trigger`);
	const nodes: INode[] = [start];
	for (const node of wired) {
		if (node === trigger) continue;
		const credentials: INode['credentials'] = {};
		for (const { name } of credentialTypesOf(node.type)) {
			if (credentialIds[name]) credentials[name] = { id: credentialIds[name], name };
		}
		nodes.push({ ...node, parameters: JSON.parse(JSON.stringify(node.parameters)), credentials });
	}
	const connections: IConnections = {};
	for (const [from, outputs] of Object.entries(file.connections)) {
		connections[from === trigger.name ? start.name : from] = JSON.parse(JSON.stringify(outputs));
	}
	const steps: string[] = [];
	let at = start.name;
	for (let guard = 0; guard < nodes.length; guard++) {
		const next = (connections[at]?.main?.[0] ?? [])[0]?.node;
		if (!next) break;
		steps.push(next);
		at = next;
	}
	if (!steps.every((name) => nodes.find((n) => n.name === name)?.type.startsWith(prefix))) {
		throw new Error(`${PIPELINE_FILE}: the chain holds nodes from outside the package`);
	}
	return { nodes, connections, steps };
}

/** The step that creates base connections (the only one using storage credentials). */
export function baseConnectionStep(pipeline: Pipeline): INode {
	const node = pipeline.nodes.find((n) => STORAGE_CREDENTIAL_PARAMETER in n.parameters);
	if (!node) throw new Error(`${PIPELINE_FILE}: no node with a "${STORAGE_CREDENTIAL_PARAMETER}" parameter`);
	return node;
}

/** Start → the base-connection step alone, with its parameters replaced by `parameters`. */
export function baseConnectionOnly(pipeline: Pipeline, parameters: IDataObject, credentials: INode['credentials']) {
	const step = baseConnectionStep(pipeline);
	const start = pipeline.nodes[0];
	const node: INode = { ...step, parameters: parameters as INode['parameters'], credentials };
	return {
		nodes: [start, node],
		connections: { [start.name]: { main: [[{ node: node.name, type: 'main' as const, index: 0 }]] } } as IConnections,
		steps: [node.name],
	};
}

/**
 * The pipeline plus a last step that patches the new dataflow (JSON Patch on its description), so
 * PATCH and its 412 are exercised. RE-POINT after the refactor if the patch operation's parameters
 * change: today it is the node type whose name says "patch" and "dataflow"; after the refactor, the
 * node whose `operation` offers `patch` for resource `dataflow`.
 */
export function withPatchStep(pipeline: Pipeline): Pipeline {
	let patchType: string | undefined;
	let selector: IDataObject = {};
	for (const [type, node] of loadPackage().nodes) {
		const properties = node.description.properties;
		const operation = properties.find(
			(p) =>
				p.name === 'operation' &&
				JSON.stringify(p.displayOptions ?? {}).includes('"dataflow"') &&
				(p.options ?? []).some((o) => (o as { value?: unknown }).value === 'patch'),
		);
		if (operation && properties.some((p) => p.name === 'resource')) {
			patchType = type;
			selector = { resource: 'dataflow', operation: 'patch' };
			break;
		}
		if (/patch/i.test(node.description.name) && /dataflow/i.test(node.description.name)) patchType = type;
	}
	if (!patchType) throw new Error('no node type patches dataflows');
	const version = loadPackage().nodes.get(patchType)!.description.version;
	const typeVersion = Array.isArray(version) ? Math.max(...version) : version;
	// The step that waits on the dataflow reads it from its input: that input is the dataflow's creator.
	const waiting = pipeline.nodes.find((n) => pipeline.steps.includes(n.name) && n.parameters.dataflow);
	const creator = Object.entries(pipeline.connections).find(([, outputs]) =>
		JSON.stringify(outputs).includes(`"node":"${waiting?.name}"`),
	)?.[0];
	if (!waiting || !creator) throw new Error(`${PIPELINE_FILE}: no step waits on the new dataflow`);
	const last = pipeline.steps[pipeline.steps.length - 1];
	const lastNode = pipeline.nodes.find((n) => n.name === last)!;
	const patch: INode = {
		id: 'fault-suite-patch',
		name: 'Fault Suite Patch Dataflow',
		type: patchType,
		typeVersion,
		position: [lastNode.position[0] + 220, lastNode.position[1]],
		parameters: {
			...selector,
			dataflow: { __rl: true, mode: 'id', value: `={{ $('${creator}').item.json.id }}` },
			operations: {
				jsonPatch: [{ operations: JSON.stringify([{ op: 'add', path: '/description', value: 'patched by the fault suite' }]) }],
			},
		},
		credentials: lastNode.credentials,
	};
	return {
		nodes: [...pipeline.nodes, patch],
		connections: { ...pipeline.connections, [last]: { main: [[{ node: patch.name, type: 'main', index: 0 }]] } } as IConnections,
		steps: [...pipeline.steps, patch.name],
	};
}

/** The AEP (Adobe IMS) credential type: the one every package node in the pipeline declares. */
export function platformCredentialType(pipeline: Pipeline): string {
	// Unconditional credentials only: after the refactor one node type declares the storage ones too,
	// shown by parameter values.
	const lists = pipeline.steps.map((name) =>
		credentialTypesOf(pipeline.nodes.find((n) => n.name === name)!.type)
			.filter((c) => !c.conditional)
			.map((c) => c.name),
	);
	const common = lists.reduce((a, b) => a.filter((name) => b.includes(name)));
	if (common.length !== 1) throw new Error(`expected one credential type common to all steps, found ${common.join(', ')}`);
	return common[0];
}

/** Storage credential types: those the base-connection step declares besides the platform one. */
export function storageCredentialTypes(pipeline: Pipeline): string[] {
	const platform = platformCredentialType(pipeline);
	return credentialTypesOf(baseConnectionStep(pipeline).type)
		.map((c) => c.name)
		.filter((name) => name !== platform);
}

/**
 * The dataset the example's first step looks for (its name filter) must exist in the sandbox:
 * a copy of a catalogue dataset under that name is added.
 */
export function seedExampleDataset(sim: Simulation, sandbox: string, pipeline: Pipeline): void {
	const first = pipeline.nodes.find((n) => n.name === pipeline.steps[0]);
	const filters = (first?.parameters.filters ?? {}) as IDataObject;
	const wanted = typeof filters.nameContains === 'string' ? filters.nameContains : undefined;
	if (!wanted) return;
	const store = sim.state.sandbox(sandbox);
	if (store.datasets.some((d) => d.name.includes(wanted))) return;
	const model = store.datasets[0];
	store.datasets.unshift({ ...model, id: '6f3e0c1a2b3c4d5e6f708192', name: `${wanted} (fault suite)` });
}

export type Credentials = TestCredentialsHelper;

/**
 * A new credential, cold as a newly saved one: the package remembers tokens per process by the
 * credential's values, which every run's credential shares, so without forgetting them only the first
 * run would ask IMS and IMS faults would go untested.
 */
export function newCredentials(entries: Record<string, { type: string; data: ICredentialDataDecryptedObject }>) {
	forgetImsTokens();
	return new TestCredentialsHelper(entries);
}

/**
 * n8n checks a workflow's parameters before running it, resource-locator regexes in a vm with a
 * 250 ms timeout; on a loaded machine (2 cores, 4 lanes and 20 executions in one process) that check
 * can time out. Nothing has run yet then, so the run is started again (at most twice): the suite
 * measures the package, not the host's CPU.
 */
const ENGINE_PRECHECK_TIMEOUT = 'Regular expression execution timed out';
const PRECHECK_ATTEMPTS = 3;

export async function runPipeline(
	workflow: { nodes: INode[]; connections: IConnections },
	credentials: Credentials,
	executionId: string,
): Promise<WorkflowRun> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await runWorkflow({ nodes: workflow.nodes, connections: workflow.connections, credentials, executionId });
		} catch (error) {
			const precheck = error instanceof Error && error.message === ENGINE_PRECHECK_TIMEOUT && /checkForWorkflowIssues|checkReadyForExecution/.test(error.stack ?? '');
			if (!precheck || attempt >= PRECHECK_ATTEMPTS) throw error;
		}
	}
}
