/**
 * The judge sees what the table claims: duplicates, lost objects, silent empty successes, hung runs
 * and secrets in run data, each from a state or run built by hand.
 */
import type { Simulation, WorkflowRun } from './workflow';
import { startSimulation } from './workflow';
import { judge, nameCounts, excess } from './judge';
import { bounded } from './suite';

let sim: Simulation;

beforeAll(async () => {
	sim = await startSimulation({ clientId: 'judge', clientSecret: 'judge-secret' });
});

afterAll(async () => await sim.close());

function entity(id: string, name: string) {
	return { id, name, etag: '"1"', createdAt: 0, updatedAt: 0, createdBy: '', updatedBy: '', createdClient: '', updatedClient: '', sandboxId: '', sandboxName: '', imsOrgId: '' };
}

/** A finished run whose steps output these items (and the first step's error, if given). */
function fakeRun(outputs: Record<string, Array<Record<string, unknown>>>, error?: Error & { description?: string }): WorkflowRun {
	const runData: Record<string, unknown[]> = {};
	const names = Object.keys(outputs);
	for (const name of names) {
		runData[name] = [{ data: { main: [outputs[name].map((json) => ({ json }))] }, ...(error && name === names[names.length - 1] ? { error } : {}) }];
	}
	return {
		run: { data: { resultData: { runData, ...(error ? { error } : {}) } } },
		executedNodes: names,
		output: (name: string) => outputs[name].map((json) => ({ json })),
		error: () => undefined,
	} as unknown as WorkflowRun;
}

const base = { hung: false, mustHave: ['connections' as const], secrets: [{ label: 'canary', value: 'CNRY-judge-1' }], extraTexts: [] };

test('a second object with the same name is a duplicate, counted once per run', () => {
	const store = sim.state.sandbox('judge-dup');
	store.connections.set('c1', entity('c1', 'Base') as never);
	const before = excess(nameCounts(sim, 'judge-dup'));
	store.connections.set('c2', entity('c2', 'Base') as never);
	const judgement = judge({ ...base, sim, sandbox: 'judge-dup', steps: ['Create'], result: fakeRun({ Create: [{ id: 'c2' }] }), excessBefore: before });
	expect(judgement.outcome).toBe('duplicated');
	expect(judgement.newDuplicates).toEqual(['connections "Base" ×2']);
	expect(judgement.addedDuplicates).toBe(1);
	const again = judge({ ...base, sim, sandbox: 'judge-dup', steps: ['Create'], result: fakeRun({ Create: [{ id: 'c2' }] }), excessBefore: excess(nameCounts(sim, 'judge-dup')) });
	expect(again.outcome).toBe('completed');
});

test('an ID a step reported that AEP does not have is lost; so is a success that left nothing', () => {
	sim.state.sandbox('judge-lost');
	const reported = judge({ ...base, sim, sandbox: 'judge-lost', steps: ['Create'], result: fakeRun({ Create: [{ id: 'not-there' }] }), excessBefore: new Map() });
	expect(reported.outcome).toBe('lost');
	expect(reported.lostIds).toEqual(['Create: not-there']);
	const nothing = judge({ ...base, sim, sandbox: 'judge-lost', steps: ['Create'], result: fakeRun({ Create: [{ name: 'no id' }] }), excessBefore: new Map() });
	expect(nothing.outcome).toBe('lost');
	expect(nothing.detail).toMatch(/without any connections/);
});

test('a workflow that ends as a success with a step producing no items is misleading', () => {
	const judgement = judge({ ...base, sim, sandbox: 'judge-empty', steps: ['List', 'Create'], result: fakeRun({ List: [] }), excessBefore: new Map() });
	expect(judgement.outcome).toBe('misleading');
	expect(judgement.misleading).toMatch(/"List" produced no items/);
});

test('secrets in saved run data and errors are found, and a NodeApiError naming its call is clear', () => {
	const error = Object.assign(new Error('AEP POST /connections failed: bad CNRY-judge-1'), { description: 'HTTP 400' });
	Object.defineProperty(error, 'constructor', { value: { name: 'NodeApiError' } });
	const judgement = judge({ ...base, sim, sandbox: 'judge-secret', steps: ['Create'], result: fakeRun({ Create: [] }, error), excessBefore: new Map() });
	expect(judgement.outcome).toBe('failed-clear');
	expect(judgement.secretHits.map((hit) => hit.where)).toEqual(
		expect.arrayContaining(['saved run data of "Create"', 'error message/description of "Create"', 'workflow error']),
	);
});

test('a run past its bound is hung; held connections are released so it can end', async () => {
	let release: () => void = () => {};
	const work = new Promise<string>((resolve) => (release = () => resolve('ended')));
	const { result, hung } = await bounded(work, 50, () => release());
	expect(hung).toBe(true);
	expect(result).toBe('ended');
	expect(await bounded(Promise.resolve('fast'), 1000, () => {})).toEqual({ result: 'fast', hung: false });
});
