/**
 * Judges one finished (or abandoned) run against the simulation's state: outcome category,
 * duplicates, lost objects, misleading messages and secrets.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ErrorFacts, Outcome, Secret, SecretHit } from './checks';
import { errorFacts, misleadingReason, scan, stackFreeJson } from './checks';
import type { Simulation, WorkflowRun } from './workflow';

export const COLLECTIONS = ['connections', 'sourceConnections', 'targetConnections', 'flows'] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** Per collection: name → how many objects carry it. */
export type NameCounts = Record<Collection, Map<string, number>>;

export function nameCounts(sim: Simulation, sandbox: string): NameCounts {
	const store = sim.state.sandbox(sandbox);
	const result = {} as NameCounts;
	for (const collection of COLLECTIONS) {
		const counts = new Map<string, number>();
		for (const entity of store.collection(collection).values()) {
			const name = String(entity.name ?? '');
			counts.set(name, (counts.get(name) ?? 0) + 1);
		}
		result[collection] = counts;
	}
	return result;
}

/** Objects beyond the first per name, per collection and name. */
export function excess(counts: NameCounts): Map<string, number> {
	const result = new Map<string, number>();
	for (const collection of COLLECTIONS) {
		for (const [name, count] of counts[collection]) if (count > 1) result.set(`${collection} "${name}"`, count - 1);
	}
	return result;
}

function idExists(sim: Simulation, sandbox: string, id: string): boolean {
	const store = sim.state.sandbox(sandbox);
	return (
		COLLECTIONS.some((collection) => store.collection(collection).has(id)) ||
		store.runs.has(id) ||
		store.datasets.some((dataset) => dataset.id === id)
	);
}

/** What a user does once a re-run is stuck: deletes the pipeline's objects by hand. */
export function clearSandbox(sim: Simulation, sandbox: string): void {
	const store = sim.state.sandbox(sandbox);
	for (const collection of COLLECTIONS) store.collection(collection).clear();
	store.runs.clear();
}

export interface RunJudgement {
	outcome: Outcome;
	/** Why it is not "completed". */
	detail: string;
	error?: ErrorFacts;
	newDuplicates: string[];
	/** Objects beyond the first per name that appeared during the run. */
	addedDuplicates: number;
	lostIds: string[];
	secretHits: SecretHit[];
	misleading?: string;
	stuck: boolean;
}

export interface JudgeInput {
	sim: Simulation;
	sandbox: string;
	steps: string[];
	result?: WorkflowRun;
	hung: boolean;
	/** Excess objects per collection/name before the run. */
	excessBefore: Map<string, number>;
	/** Collections a complete run leaves at least one object in. */
	mustHave: Collection[];
	secrets: Secret[];
	/** Extra texts to scan (thief log, console) with where they come from. */
	extraTexts: Array<{ where: string; text: string }>;
}

function outputOf(result: WorkflowRun, node: string): INodeExecutionData[] {
	const runs = result.run.data.resultData.runData[node];
	return runs?.[runs.length - 1]?.data?.main?.[0] ?? [];
}

export function judge(input: JudgeInput): RunJudgement {
	const { sim, sandbox, steps, result } = input;
	const secretHits: SecretHit[] = [];
	for (const { where, text } of input.extraTexts) secretHits.push(...scan(text, input.secrets, where));

	const after = excess(nameCounts(sim, sandbox));
	const grown = [...after].filter(([key, count]) => count > (input.excessBefore.get(key) ?? 0));
	const newDuplicates = grown.map(([key, count]) => `${key} ×${count + 1}`);
	const addedDuplicates = grown.reduce((sum, [key, count]) => sum + count - (input.excessBefore.get(key) ?? 0), 0);

	let error: ErrorFacts | undefined;
	const lostIds: string[] = [];
	let emptyStep: string | undefined;
	if (result) {
		const runData = result.run.data.resultData.runData;
		for (const [node, runs] of Object.entries(runData)) {
			secretHits.push(...scan(stackFreeJson(runs), input.secrets, `saved run data of "${node}"`));
			const nodeError = runs[runs.length - 1]?.error;
			if (nodeError && !error) {
				error = errorFacts(nodeError, node);
				secretHits.push(...scan(`${error.message} ${error.description ?? ''}`, input.secrets, `error message/description of "${node}"`));
			}
		}
		const workflowError = result.run.data.resultData.error;
		if (workflowError) {
			secretHits.push(...scan(stackFreeJson(workflowError), input.secrets, 'workflow error'));
			error ??= errorFacts(workflowError);
		}
		for (const step of steps) {
			if (!runData[step]) continue;
			const items = outputOf(result, step);
			if (items.length === 0 && !runData[step][runData[step].length - 1]?.error) emptyStep ??= step;
			for (const item of items) {
				const id = (item.json as IDataObject).id;
				if (typeof id === 'string' && !item.json.error && !idExists(sim, sandbox, id)) lostIds.push(`${step}: ${id}`);
			}
		}
	}
	const store = sim.state.sandbox(sandbox);
	const succeeded = !!result && !error && steps.every((step) => outputOf(result, step).length > 0);
	const missing = succeeded ? input.mustHave.filter((c) => store.collection(c).size === 0) : [];

	const misleading = error
		? misleadingReason(error)
		: result && !succeeded && emptyStep
			? `the workflow ended as a success, but "${emptyStep}" produced no items`
			: undefined;
	const stuck = !!error && /already exists/i.test(error.message);

	let outcome: Outcome;
	let detail = '';
	if (input.hung) {
		outcome = 'hung';
		const running = result ? steps.find((step) => !result.executedNodes.includes(step)) : undefined;
		detail = result
			? `passed its wall-clock bound${running ? ` (in "${running}")` : ''}`
			: 'passed its wall-clock bound and was still running after its connections were ended (abandoned)';
	} else if (lostIds.length || missing.length) {
		outcome = 'lost';
		detail = lostIds.length ? `reported but not in AEP: ${lostIds.join(', ')}` : `succeeded without any ${missing.join(', ')}`;
	} else if (newDuplicates.length) {
		outcome = 'duplicated';
		detail = newDuplicates.join(', ');
	} else if (misleading) {
		outcome = 'misleading';
		detail = misleading;
	} else if (error) {
		outcome = 'failed-clear';
		detail = '';
	} else {
		outcome = 'completed';
	}
	return { outcome, detail, error, newDuplicates, addedDuplicates, lostIds, secretHits, misleading, stuck };
}
