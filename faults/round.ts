/**
 * Twenty (or N) concurrent executions of the same "Reuse it" workflow on one cold credential,
 * through one proxy with the same random faults, then a clean re-run that must converge.
 */
import type { Outcome } from './checks';
import { OUTCOMES } from './checks';
import { excess, judge, nameCounts } from './judge';
import { FaultPlan } from './plan';
import { FaultProxy } from './proxy';
import { ThiefServer } from './thief';
import type { Scenario, SuiteContext } from './suite';
import { bounded, countFaults, credentialsFor, record } from './suite';
import { runPipeline, seedExampleDataset } from './workflow';

export interface RoundResult {
	executions: number;
	outcomes: Record<Outcome, number>;
	faults: number;
	duplicateObjects: number;
	duplicates: string[];
	tokenFetches: number;
	cleanRerun: string;
}

const SANDBOX = 'faults-concurrent';

export async function concurrentRound(ctx: SuiteContext, scenario: Scenario, executions: number, seed: number): Promise<RoundResult> {
	const thief = await new ThiefServer().start();
	const plan = new FaultPlan({ seed: seed * 1000 + 999, rate: ctx.rate });
	const proxy = await new FaultProxy({
		upstream: ctx.sim.url,
		plan,
		imsPaths: [ctx.imsPath],
		redirectTo: thief.url,
		maxFaults: 200,
		maxRequestsPerRun: ctx.maxRequestsPerRun * executions,
		seed: seed * 1000 + 999,
	}).start();
	seedExampleDataset(ctx.sim, SANDBOX, scenario.workflow as never);
	const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
	try {
		proxy.beginRun('concurrent');
		ctx.capture.hookLogger();
		// One credential shared by every execution, cold: as an n8n instance holds it.
		const credentials = credentialsFor(ctx, SANDBOX, proxy.url);
		const results = await Promise.all(
			Array.from({ length: executions }, (_, i) =>
				bounded(runPipeline(scenario.workflow, credentials, `concurrent-${i}`), ctx.runBoundMs * 2, () => proxy.releaseSilent()),
			),
		);
		const after = excess(nameCounts(ctx.sim, SANDBOX));
		const duplicates = [...after].map(([key, count]) => `${key} ×${count + 1}`);
		const duplicateObjects = [...after.values()].reduce((a, b) => a + b, 0);
		const theft = thief.stolen.map((r) => JSON.stringify(r)).join('\n');
		const faults = proxy.faultsOf('concurrent').map((entry) => entry.fault!);
		const tokenFetches = proxy.log.filter((entry) => entry.path === ctx.imsPath).length;
		let worst: Outcome = 'completed';
		results.forEach(({ result, hung }, i) => {
			const judgement = judge({
				sim: ctx.sim,
				sandbox: SANDBOX,
				steps: scenario.workflow.steps,
				result,
				hung,
				excessBefore: after,
				mustHave: scenario.mustHave,
				secrets: [...ctx.secrets, ...ctx.tokens()],
				extraTexts: [
					{ where: 'thief server (redirect target)', text: i === 0 ? theft : '' },
					{ where: 'console / n8n logger', text: i === 0 ? ctx.capture.takeNew() : '' },
				],
			});
			outcomes[judgement.outcome]++;
			if (OUTCOMES.indexOf(judgement.outcome) > OUTCOMES.indexOf(worst)) worst = judgement.outcome;
			record(ctx.tally, `concurrent execution ${i + 1}/${executions} (faults of the round are not attributable per execution)`, [], judgement);
		});
		if (duplicateObjects > 0) {
			outcomes.duplicated++;
			ctx.tally.duplicateObjects += duplicateObjects;
			ctx.tally.violations.push({ category: 'duplicated', run: `${executions} concurrent executions`, faults: faults.join(', ') || 'no fault', detail: duplicates.join(', ') });
			worst = 'duplicated';
		}
		// The round's faults count for its worst outcome (executions cannot be told apart at the proxy).
		countFaults(ctx.tally, faults, worst);

		plan.setRate(0);
		proxy.beginRun('concurrent clean re-run');
		const { result } = await bounded(runPipeline(scenario.workflow, credentialsFor(ctx, SANDBOX, proxy.url), 'concurrent-clean'), ctx.runBoundMs, () => proxy.releaseSilent());
		const clean = judge({ sim: ctx.sim, sandbox: SANDBOX, steps: scenario.workflow.steps, result, hung: !result, excessBefore: excess(nameCounts(ctx.sim, SANDBOX)), mustHave: scenario.mustHave, secrets: ctx.secrets, extraTexts: [] });
		const cleanRerun = clean.outcome === 'completed' ? 'completed' : `${clean.outcome}: ${clean.detail || clean.error?.message}`;
		if (clean.outcome !== 'completed') {
			ctx.tally.notConverged++;
			ctx.tally.violations.push({ category: 'not converged', run: 'clean re-run after the concurrent round', faults: 'no fault', detail: cleanRerun });
		}
		return { executions, outcomes, faults: faults.length, duplicateObjects, duplicates, tokenFetches, cleanRerun };
	} finally {
		await proxy.close();
		await thief.close();
	}
}
