/**
 * The table, the goals and the first violations of each category; the exit code says whether every
 * goal was met.
 */
import { print } from './capture';
import type { Outcome, Violation } from './checks';
import { OUTCOMES } from './checks';
import type { Destination } from './destinations';
import type { FaultKind } from './plan';
import { FAULT_KINDS } from './plan';
import type { RoundResult } from './round';
import type { Tally } from './suite';

export interface ReportInput {
	tally: Tally;
	faultsInjected: number;
	targetFaults: number;
	round: RoundResult;
	destinations: Map<string, Destination>;
	storageTypes: string[];
	timeoutSetting?: string;
	seconds: number;
	options: { seed: number; quick: boolean; runs?: number; lanes: number; concurrency: number };
	laneFaultCounts: Array<Map<FaultKind, number>>;
}

const HEAD: Record<Outcome, string> = {
	completed: 'completed',
	'failed-clear': 'clear error',
	misleading: 'misleading',
	lost: 'lost',
	duplicated: 'duplicated',
	hung: 'hung',
};

function row(cells: Array<string | number>, widths: number[]): string {
	return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
}

const EXAMPLES_PER_CATEGORY = 4;

export function printReport(input: ReportInput): number {
	const { tally, round } = input;
	print('');
	print(`Fault-injection suite — seed ${input.options.seed}${input.options.quick ? ', quick' : ''}, ${input.options.lanes} lanes, ${input.seconds.toFixed(1)} s`);
	print(`Storage credential types: ${input.storageTypes.map((t) => `${t} → ${input.destinations.get(t)?.name ?? 'NO DESTINATION FOUND (not covered)'}`).join('; ')}`);
	print(
		input.timeoutSetting
			? `Per-request timeout: credential setting "${input.timeoutSetting}" set short for the suite.`
			: 'Per-request timeout: the credential has NO timeout setting; a silent server is only ended by the run bound.',
	);
	print('');
	const widths = [28, 8, ...OUTCOMES.map((o) => Math.max(HEAD[o].length, 5))];
	print(row(['fault kind', 'injected', ...OUTCOMES.map((o) => HEAD[o])], widths));
	print(row(['', '', ...OUTCOMES.map(() => '')], widths).replace(/ /g, '-'));
	for (const kind of FAULT_KINDS) {
		const entry = tally.byKind.get(kind);
		print(row([kind, entry?.injected ?? 0, ...OUTCOMES.map((o) => entry?.outcomes[o] ?? 0)], widths));
	}
	const totals = OUTCOMES.map((o) => [...tally.byKind.values()].reduce((sum, e) => sum + e.outcomes[o], 0));
	print(row(['all faults', input.faultsInjected, ...totals], widths));
	print('(each fault is counted under the outcome of the run it was injected into)');
	print('');
	const runs = OUTCOMES.reduce((sum, o) => sum + tally.runs[o], 0);
	const misleadingCount = tally.violations.filter((v) => v.category === 'misleading').length;
	const lostCount = tally.violations.filter((v) => v.category === 'lost').length;
	const summary: Array<[string, string | number, string, boolean]> = [
		input.options.runs === undefined
			? ['faults injected', input.faultsInjected, `≥ ${input.targetFaults}`, input.faultsInjected >= input.targetFaults]
			: ['faults injected (no fault goal with --runs)', input.faultsInjected, '', true],
		['runs (incl. concurrent executions)', runs, '', true],
		['  completed', tally.runs.completed, '', true],
		['  failed with a clear error', tally.runs['failed-clear'], '', true],
		['  misleading messages', misleadingCount, '0', misleadingCount === 0],
		['  lost', lostCount, '0', lostCount === 0],
		['  duplicated (objects)', tally.duplicateObjects, '0', tally.duplicateObjects === 0],
		['  hung', tally.hungRuns, '0', tally.hungRuns === 0],
		['secrets found', tally.secretHits, '0', tally.secretHits === 0],
		['re-runs stuck on "already exists"', tally.stuckRuns, '0', tally.stuckRuns === 0],
		['  (objects then deleted by hand)', tally.repairs, '', true],
		['clean re-runs that did not converge', tally.notConverged, '0', tally.notConverged === 0],
		[`concurrent round: ${round.executions} executions`, Object.entries(round.outcomes).filter(([, n]) => n).map(([o, n]) => `${n} ${HEAD[o as Outcome]}`).join(', '), '', true],
		['  concurrent: duplicate objects', round.duplicateObjects, '0', round.duplicateObjects === 0],
		['  concurrent: token requests (cold, with faults)', round.tokenFetches, '', true],
		['  concurrent: clean re-run', round.cleanRerun, 'completed', round.cleanRerun === 'completed'],
	];
	for (const [label, value, goal, met] of summary) {
		print(`${label.padEnd(46)} ${String(value).padStart(6)}${goal ? `   goal ${goal}: ${met ? 'met' : 'MISSED'}` : ''}`);
	}
	printSecretMatrix(tally.violations.filter((v) => v.category === 'secret'));
	print('');
	const categories: Array<Violation['category']> = ['secret', 'misleading', 'lost', 'duplicated', 'hung', 'not converged'];
	for (const category of categories) {
		const violations = tally.violations.filter((v) => v.category === category);
		if (!violations.length) continue;
		const distinct = new Set(violations.map((v) => v.key ?? `${v.faults}|${v.detail.slice(0, 80)}`)).size;
		print(`${category.toUpperCase()}: ${violations.length} (${distinct} distinct) — first examples:`);
		// Secrets: one example per secret (the matrix above has the rest).
		const shown = new Set<string>();
		const keyOf = (v: Violation) => (category === 'secret' ? v.detail.split(' (')[0] : (v.key ?? `${v.faults}|${v.detail.slice(0, 80)}`));
		let count = 0;
		for (const v of violations) {
			const key = keyOf(v);
			if (shown.has(key)) continue;
			shown.add(key);
			print(`  - [${v.run}] faults: ${v.faults}\n      ${v.detail.slice(0, 400)}`);
			if (++count >= EXAMPLES_PER_CATEGORY * (category === 'secret' || category === 'misleading' ? 5 : 1)) break;
		}
	}
	const missed = summary.filter(([, , goal, met]) => goal && !met).map(([label]) => label.trim());
	print('');
	print(missed.length ? `GOALS MISSED: ${missed.join('; ')}` : 'All goals met.');
	// The closing line test:all counts: one check per goal.
	const goals = summary.filter(([, , goal]) => goal);
	print(`faults: ${goals.length - missed.length} passed, ${missed.length} failed`);
	return missed.length ? 1 : 0;
}

/** Secret hits as a table: which secret, found where (places merged across nodes). */
function printSecretMatrix(hits: Violation[]): void {
	if (!hits.length) return;
	const place = (v: Violation) => (v.detail.split(' in ')[1] ?? '?').split(':')[0].replace(/ of ".*"$/, '');
	const label = (v: Violation) => v.detail.split(' (')[0];
	const places = [...new Set(hits.map(place))];
	const labels = [...new Set(hits.map(label))];
	const widths = [58, ...places.map((p) => Math.max(6, Math.min(p.length, 14)))];
	print('secrets found, by secret and place:');
	print(row(['secret', ...places.map((p) => p.slice(0, 14))], widths));
	for (const l of labels) {
		print(row([l, ...places.map((p) => hits.filter((v) => label(v) === l && place(v) === p).length)], widths));
	}
	print(`(places: ${places.join('; ')})`);
}
