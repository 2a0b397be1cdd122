/**
 * The suite's moving parts: lanes of sequential "Reuse it" runs (one sandbox and one proxy each),
 * the round of concurrent executions, and the tallies the table is printed from.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { LogCapture } from './capture';
import type { Outcome, Secret, Violation } from './checks';
import { OUTCOMES } from './checks';
import type { Collection, RunJudgement } from './judge';
import { clearSandbox, excess, judge, nameCounts } from './judge';
import type { FaultKind, ForcedFault } from './plan';
import { FaultPlan } from './plan';
import { FaultProxy } from './proxy';
import { ThiefServer } from './thief';
import type { Credentials, Pipeline, Simulation, WorkflowRun } from './workflow';
import { newCredentials, runPipeline } from './workflow';

export interface Tally {
	runs: Record<Outcome, number>;
	/** Per fault kind: injected, and the outcomes of the runs it was injected into. */
	byKind: Map<FaultKind, { injected: number; outcomes: Record<Outcome, number> }>;
	duplicateObjects: number;
	stuckRuns: number;
	secretHits: number;
	violations: Violation[];
	notConverged: number;
	hungRuns: number;
	/** Times a lane's objects were deleted "by hand" after a stuck re-run. */
	repairs: number;
}

export function newTally(): Tally {
	return {
		runs: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
		byKind: new Map(),
		duplicateObjects: 0,
		stuckRuns: 0,
		secretHits: 0,
		violations: [],
		notConverged: 0,
		hungRuns: 0,
		repairs: 0,
	};
}

export interface SuiteContext {
	sim: Simulation;
	capture: LogCapture;
	secrets: Secret[];
	/** Bearer tokens the simulation issued so far (secrets too). */
	tokens: () => Secret[];
	platformType: string;
	platformData: (sandbox: string, origin: string) => IDataObject;
	storage: Array<{ type: string; data: IDataObject }>;
	imsPath: string;
	seed: number;
	rate: number;
	runBoundMs: number;
	maxRequestsPerRun: number;
	tally: Tally;
}

/** A workflow to run, what a complete run leaves behind, and the faults it forces. */
export interface Scenario {
	label: string;
	workflow: { nodes: INode[]; connections: Pipeline['connections']; steps: string[] };
	mustHave: Collection[];
	forced?: ForcedFault[];
	/** Random faults on top (false for forced scenarios and clean re-runs). */
	random: boolean;
}

export function credentialsFor(ctx: SuiteContext, sandbox: string, origin: string): Credentials {
	const entries: Record<string, { type: string; data: IDataObject }> = {
		[ctx.platformType]: { type: ctx.platformType, data: ctx.platformData(sandbox, origin) },
	};
	for (const credential of ctx.storage) entries[credential.type] = { type: credential.type, data: credential.data };
	return newCredentials(entries as never);
}

export class Lane {
	readonly plan: FaultPlan;
	proxy!: FaultProxy;
	thief!: ThiefServer;
	private runIndex = 0;
	private thiefScanned = 0;

	constructor(
		private readonly ctx: SuiteContext,
		readonly sandbox: string,
		private readonly laneSeed: number,
	) {
		this.plan = new FaultPlan({ seed: laneSeed, rate: ctx.rate });
	}

	private retired: FaultProxy[] = [];
	private maxFaults = 0;

	/** Faults injected by this lane's proxies (a proxy is replaced when a run had to be abandoned). */
	get faultsInjected(): number {
		return [...this.retired, this.proxy].reduce((sum, proxy) => sum + proxy.faultsInjected, 0);
	}

	get faultCounts(): Map<FaultKind, number> {
		const counts = new Map<FaultKind, number>();
		for (const proxy of [...this.retired, this.proxy]) {
			for (const [kind, n] of proxy.faultCounts) counts.set(kind, (counts.get(kind) ?? 0) + n);
		}
		return counts;
	}

	async start(maxFaults: number): Promise<this> {
		this.thief = await new ThiefServer().start();
		this.maxFaults = maxFaults;
		this.proxy = await this.newProxy();
		return this;
	}

	private async newProxy(): Promise<FaultProxy> {
		const used = this.retired.reduce((sum, proxy) => sum + proxy.faultsInjected, 0) + (this.proxy?.faultsInjected ?? 0);
		return await new FaultProxy({
			upstream: this.ctx.sim.url,
			plan: this.plan,
			imsPaths: [this.ctx.imsPath],
			redirectTo: this.thief.url,
			maxFaults: Math.max(0, this.maxFaults - used),
			maxRequestsPerRun: this.ctx.maxRequestsPerRun,
			seed: this.laneSeed + this.retired.length,
		}).start();
	}

	async close(): Promise<void> {
		for (const proxy of this.retired) await proxy.close();
		await this.proxy.close();
		await this.thief.close();
	}

	/** New thief records since the last call, as text. */
	newTheft(): string {
		const fresh = this.thief.stolen.slice(this.thiefScanned);
		this.thiefScanned = this.thief.stolen.length;
		return fresh.map((record) => JSON.stringify(record)).join('\n');
	}

	/** Runs one scenario with a fresh (cold) credential, bounded, and judges it. */
	async run(scenario: Scenario): Promise<RunJudgement> {
		const label = `${this.sandbox}#${++this.runIndex} ${scenario.label}`;
		this.plan.setRate(scenario.random ? this.ctx.rate : 0);
		this.plan.force(scenario.forced ?? []);
		this.proxy.beginRun(label);
		this.ctx.capture.hookLogger();
		const excessBefore = excess(nameCounts(this.ctx.sim, this.sandbox));
		const credentials = credentialsFor(this.ctx, this.sandbox, this.proxy.url);
		const { result, hung } = await bounded(
			runPipeline(scenario.workflow, credentials, label),
			this.ctx.runBoundMs,
			() => this.proxy.releaseSilent(),
		);
		const judgement = judge({
			sim: this.ctx.sim,
			sandbox: this.sandbox,
			steps: scenario.workflow.steps,
			result,
			hung,
			excessBefore,
			mustHave: scenario.mustHave,
			secrets: [...this.ctx.secrets, ...this.ctx.tokens()],
			extraTexts: [
				{ where: 'thief server (redirect target)', text: this.newTheft() },
				{ where: 'console / n8n logger', text: this.ctx.capture.takeNew() },
			],
		});
		if (hung) {
			const last = this.proxy.log.filter((entry) => entry.run === label).slice(-2);
			judgement.detail += `; last requests: ${last.map((e) => `${e.method} ${e.path} → ${e.outcome}${e.fault ? ` (${e.fault})` : ''}`).join(', ')}`;
		}
		record(this.ctx.tally, label, this.proxy.faultsOf(label).map((entry) => entry.fault!), judgement);
		this.plan.force([]);
		if (hung && !result) {
			// The run still waits (a sleep, not a socket): its port is closed so that it cannot
			// disturb later runs, and the lane goes on through a new proxy.
			this.retired.push(this.proxy);
			const next = await this.newProxy();
			await this.proxy.close();
			this.proxy = next;
		}
		if (judgement.stuck) {
			// Measured once; later runs measure their own faults, not this one's aftermath.
			clearSandbox(this.ctx.sim, this.sandbox);
			this.ctx.tally.repairs++;
		}
		return judgement;
	}
}

/** Waits for `work` up to `boundMs`; past it, calls `release` (ends held connections) and waits a little more. */
export async function bounded<T>(
	work: Promise<T>,
	boundMs: number,
	release: () => void,
): Promise<{ result?: T; hung: boolean }> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), boundMs)));
	const first = await Promise.race([work.then((r) => ({ r })), timeout]);
	clearTimeout(timer);
	if (first !== 'timeout') return { result: first.r, hung: false };
	// The run is hung; end what holds it so it can finish and its data can still be scanned.
	for (let i = 0; i < 20; i++) {
		release();
		const late = await Promise.race([
			work.then((r) => ({ r })),
			new Promise<'wait'>((resolve) => setTimeout(() => resolve('wait'), 250)),
		]);
		if (late !== 'wait') return { result: late.r, hung: true };
	}
	return { hung: true };
}

/** Counts injected faults by kind under the outcome of the run they hit. */
export function countFaults(tally: Tally, faults: FaultKind[], outcome: Outcome): void {
	for (const kind of faults) {
		let entry = tally.byKind.get(kind);
		if (!entry) {
			entry = { injected: 0, outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number> };
			tally.byKind.set(kind, entry);
		}
		entry.injected++;
		entry.outcomes[outcome]++;
	}
}

export function record(tally: Tally, label: string, faults: FaultKind[], judgement: RunJudgement): void {
	tally.runs[judgement.outcome]++;
	const faultText = faults.length ? faults.join(', ') : 'no fault';
	countFaults(tally, faults, judgement.outcome);
	const add = (category: Violation['category'], detail: string, key?: string) =>
		tally.violations.push({ category, run: label, faults: faultText, detail, key });
	if (judgement.outcome === 'hung') {
		tally.hungRuns++;
		add('hung', judgement.detail);
	}
	if (judgement.lostIds.length || judgement.outcome === 'lost') add('lost', judgement.detail);
	tally.duplicateObjects += judgement.addedDuplicates;
	for (const duplicate of judgement.newDuplicates) add('duplicated', duplicate);
	if (judgement.misleading) {
		const error = judgement.error ? `${judgement.error.name} at "${judgement.error.node ?? '?'}": ${judgement.error.message}` : '';
		const shape = (judgement.error?.message ?? '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{24}/g, '{id}').slice(0, 60);
		add('misleading', `${judgement.misleading}${error ? ` — ${error}` : ''}`, `${judgement.misleading}|${judgement.error?.node}|${shape}`);
	}
	if (judgement.stuck) {
		tally.stuckRuns++;
		add('not converged', `re-run stuck: ${judgement.error?.message ?? ''}`);
	}
	for (const hit of judgement.secretHits) {
		tally.secretHits++;
		add('secret', `${hit.secret} (${hit.encoding}) in ${hit.where}: …${hit.excerpt}…`, `${hit.secret}|${hit.where.replace(/ of ".*"$/, '')}`);
	}
}

export type { WorkflowRun };
