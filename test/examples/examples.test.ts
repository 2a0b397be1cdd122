/**
 * The workflows in examples/ must import into n8n as they are: every node of this package they use
 * must exist with the parameters they set (as n8n itself resolves parameters), and the workflow's
 * wiring must hold together. Node types of this package that are not registered yet are reported,
 * not failed; n8n-nodes-base nodes are not installed here and are listed for the record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import type { IConnections, IDataObject, INode, INodeParameters, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import nock from 'nock';

import { TOKEN } from '../harness/aep';
import { aepCredentials } from '../harness/credentials';
import { loadPackage, PACKAGE_NAME, PACKAGE_ROOT } from '../harness/engine';
import { connectionSpecFixture, DESTINATION_SLUGS, expectConnectionSpec } from '../harness/fixtures';
import { loadOptions } from '../harness/load-options';

interface ExampleWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

const EXAMPLES_DIR = path.join(PACKAGE_ROOT, 'examples');
const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;

/** The n8n-nodes-base types the examples may use, with the versions written for them. */
const BASE_NODES: Record<string, number[]> = {
	'n8n-nodes-base.code': [2],
	'n8n-nodes-base.emailSend': [2.1],
	'n8n-nodes-base.manualTrigger': [1],
	'n8n-nodes-base.scheduleTrigger': [1.2],
	'n8n-nodes-base.slack': [2.3],
	'n8n-nodes-base.stickyNote': [1],
};

/** Paths of `actual`'s values that `resolved` does not hold unchanged. */
function missingPaths(actual: unknown, resolved: unknown, at: string): string[] {
	if (Array.isArray(actual)) {
		if (!Array.isArray(resolved)) return [at];
		return actual.flatMap((value, index) => missingPaths(value, resolved[index], `${at}[${index}]`));
	}
	if (actual && typeof actual === 'object') {
		if (!resolved || typeof resolved !== 'object') return [at];
		return Object.entries(actual).flatMap(([key, value]) =>
			key in resolved
				? missingPaths(value, (resolved as IDataObject)[key], at ? `${at}.${key}` : key)
				: [at ? `${at}.${key}` : key],
		);
	}
	return actual === resolved ? [] : [at];
}

/** A value of an options parameter whose choices a loadOptions method gives (checked by calling it). */
interface DynamicChoice {
	where: string;
	method: string;
	value: unknown;
}

/**
 * Values of options/multiOptions parameters (and resource locator modes) that the node does not
 * offer. Choices loaded by a method are collected in `dynamic`, to be checked against what the
 * method offers for this node's parameters.
 */
function invalidChoices(properties: INodeProperties[], values: IDataObject, at = '', dynamic: DynamicChoice[] = []): string[] {
	const problems: string[] = [];
	for (const [key, value] of Object.entries(values)) {
		const where = at ? `${at}.${key}` : key;
		const isExpression = (v: unknown) => typeof v === 'string' && v.startsWith('=');
		// Only the properties n8n shows for these values (one node holds many resources and operations).
		const shown = (p: INodeProperties) => at !== '' || NodeHelpers.displayParameter(values as INodeParameters, p, { typeVersion: 1 }, null);
		for (const property of properties.filter((p) => p.name === key && shown(p))) {
			const offered = (property.options ?? []).map((option) => (option as { value?: unknown }).value);
			const method = property.typeOptions?.loadOptionsMethod;
			if (property.type === 'options' && method) {
				if (!isExpression(value)) dynamic.push({ where, method, value });
			} else if (property.type === 'options' && !isExpression(value) && !offered.includes(value as never)) {
				problems.push(`${where}: ${JSON.stringify(value)} is not an option`);
			}
			if (property.type === 'multiOptions' && Array.isArray(value)) {
				for (const v of value) if (!offered.includes(v as never)) problems.push(`${where}: ${JSON.stringify(v)} is not an option`);
			}
			if (property.type === 'resourceLocator') {
				const mode = (value as { mode?: string }).mode;
				if (!property.modes?.some((m) => m.name === mode)) problems.push(`${where}: mode ${mode} does not exist`);
			}
			if (property.type === 'collection' && value && typeof value === 'object') {
				problems.push(...invalidChoices(property.options as INodeProperties[], value as IDataObject, where, dynamic));
			}
			if (property.type === 'fixedCollection' && value && typeof value === 'object') {
				for (const [groupName, groupValue] of Object.entries(value)) {
					const group = (property.options as INodePropertyCollection[]).find((o) => o.name === groupName);
					const entries = Array.isArray(groupValue) ? groupValue : [groupValue];
					for (const entry of entries) {
						if (group) problems.push(...invalidChoices(group.values, entry as IDataObject, `${where}.${groupName}`, dynamic));
					}
				}
			}
		}
	}
	return problems;
}

/**
 * The dynamic choices the node's loadOptions methods do not offer for these parameters, as the
 * editor would load them (the destinations' connection specs answered from the fixtures).
 */
async function notOffered(node: INode, dynamic: DynamicChoice[]): Promise<string[]> {
	const problems: string[] = [];
	for (const { where, method, value } of dynamic) {
		for (const slug of DESTINATION_SLUGS) expectConnectionSpec(connectionSpecFixture(slug)).persist();
		try {
			const offered = await loadOptions(method, {
				nodeType: node.type.slice(`${PACKAGE_NAME}.`.length),
				parameters: node.parameters,
				credentials: aepCredentials({ accessToken: TOKEN }),
			});
			if (!offered.some((option) => option.value === value)) problems.push(`${where}: ${JSON.stringify(value)} is not an option`);
		} finally {
			nock.cleanAll();
		}
	}
	return problems;
}

const baseNodesUsed = new Map<string, Set<string>>();

afterAll(() => {
	const report = (map: Map<string, Set<string>>) =>
		[...map].map(([type, where]) => `  ${type}: ${[...where].join(', ')}`).join('\n') || '  none';
	console.info(
		`Example workflows: n8n-nodes-base types used (not installed here; written for the versions in BASE_NODES):\n${report(baseNodesUsed)}`,
	);
});

test('the examples folder holds the documented workflows', () => {
	expect(files).toEqual([
		'aep-daily-runs-table-digest.json',
		'aep-dataflow-ending-notify.json',
		'aep-failed-or-delayed-run-slack.json',
		'aep-skip-rate-email.json',
		'daily-runs-digest.json',
		'dataset-export-pipeline.json',
		'failed-run-slack-alert.json',
		'keep-dataset-exports-alive.json',
		'test-new-pipeline.json',
	]);
});

describe.each(files)('example %s', (file) => {
	const workflow = load(file);

	test('is an importable workflow whose connections and node references hold together', () => {
		expect(typeof workflow.name).toBe('string');
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(workflow.nodes.map((node) => node.id)).size).toBe(names.length);
		for (const node of workflow.nodes) {
			expect(node.position).toEqual([expect.any(Number), expect.any(Number)]);
			expect(typeof node.typeVersion).toBe('number');
			// Credentials are chosen by whoever imports the workflow: none are shipped.
			expect(node.credentials).toBeUndefined();
		}
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const connection of Object.values(outputs).flat(2)) expect(names).toContain(connection!.node);
		}
		// Every node but the sticky notes is reached from the trigger.
		const triggers = workflow.nodes.filter((node) => !Object.values(workflow.connections).some((o) => JSON.stringify(o).includes(`"node":"${node.name}"`)));
		expect(triggers.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')).toHaveLength(1);
		const referenced = [...JSON.stringify(workflow.nodes).matchAll(/\$\('([^']+)'\)/g)].map((match) => match[1]);
		for (const name of referenced) expect(names).toContain(name);
	});

	test.each(workflow.nodes.map((node) => [node.name, node] as const))(
		'node "%s" uses a node type and parameters that exist',
		async (_name, node) => {
			if (!node.type.startsWith(`${PACKAGE_NAME}.`)) {
				expect(BASE_NODES[node.type]).toContain(node.typeVersion);
				if (!baseNodesUsed.has(node.type)) baseNodesUsed.set(node.type, new Set());
				baseNodesUsed.get(node.type)!.add(file);
				return;
			}
			const nodeType = loadPackage().nodes.get(node.type);
			expect(nodeType).toBeDefined();
			const description = nodeType!.description;
			// A node with several versions (the trigger: 1 and 2) accepts any of them.
			expect([description.version].flat()).toContain(node.typeVersion);
			// n8n's loader adds "Poll Times" to polling nodes.
			const properties = description.polling
				? [...commonPollingParameters, ...description.properties]
				: description.properties;
			// n8n's own resolution: parameters it does not know, or would hide, are dropped.
			const resolved = NodeHelpers.getNodeParameters(properties, node.parameters, true, false, node, description);
			expect(missingPaths(node.parameters, resolved, '')).toEqual([]);
			// Operations share parameter names (Options, Filters): only the ones this node shows count.
			const shown = properties.filter((property) =>
				NodeHelpers.displayParameter(node.parameters, property, node, description),
			);
			const dynamic: DynamicChoice[] = [];
			expect(invalidChoices(shown, node.parameters as IDataObject, '', dynamic)).toEqual([]);
			expect(await notOffered(node, dynamic)).toEqual([]);
			expect(
				NodeHelpers.getNodeParametersIssues(properties, { ...node, parameters: resolved! }, description),
			).toBeNull();
		},
	);
});
