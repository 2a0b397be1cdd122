/**
 * The fault-injection suite (issue 11): the example pipeline and one base connection per storage
 * credential type, run again and again with "Reuse it" through a fault-injecting proxy, then 20
 * concurrent executions; prints the table and exits non-zero when a goal is missed.
 *
 *   npm run faults                      # full goal: ≥ 500 faults
 *   npm run faults -- --quick           # a smoke run (~60 faults)
 *   npm run faults -- --seed 7 --runs 40  # 40 sequential runs per lane
 */
import type { IDataObject } from 'n8n-workflow';

import { CLIENT_ID, CLIENT_SECRET_CANARY, platformCredentialData, storageCredential } from './canaries';
import { LogCapture, print } from './capture';
import type { Secret } from './checks';
import { findDestinations } from './destinations';
import { printReport } from './report';
import { concurrentRound } from './round';
import type { Scenario, SuiteContext } from './suite';
import { Lane, newTally } from './suite';
import {
	baseConnectionOnly,
	baseConnectionStep,
	credentialProperties,
	loadPipeline,
	platformCredentialType,
	seedExampleDataset,
	startSimulation,
	storageCredentialTypes,
	withPatchStep,
} from './workflow';

interface Options {
	seed: number;
	runs?: number;
	quick: boolean;
	lanes: number;
	targetFaults: number;
	concurrency: number;
}

function parseArgs(argv: string[]): Options {
	const options: Options = { seed: 11, quick: false, lanes: 4, targetFaults: 520, concurrency: 20 };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const next = () => {
			const value = Number(argv[++i]);
			if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a whole number`);
			return value;
		};
		if (arg === '--seed') options.seed = next();
		else if (arg === '--runs') options.runs = next();
		else if (arg === '--quick') options.quick = true;
		else if (arg === '--lanes') options.lanes = Math.max(1, next());
		else if (arg === '--faults') options.targetFaults = next();
		else if (arg === '--help') {
			print('npm run faults -- [--seed N] [--runs N (sequential runs per lane)] [--quick] [--lanes N] [--faults N]');
			process.exit(0);
		} else throw new Error(`unknown option ${arg}`);
	}
	if (options.quick) options.targetFaults = Math.min(options.targetFaults, 60);
	return options;
}

const SUITE_BOUND_MS = 210_000;
const RUN_BOUND_MS = 10_000;
const IMS_PATH = '/ims/token/v3';

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const capture = new LogCapture();
	capture.install();
	const sim = await startSimulation({
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET_CANARY,
		// The newest run is already finished, so "wait for the run" ends at once.
		initialRuns: ['failed', 'success'],
	});
	try {
		const types = loadPipeline({});
		const platformType = platformCredentialType(types);
		const storageTypes = storageCredentialTypes(types);
		const ids: Record<string, string> = { [platformType]: platformType };
		for (const type of storageTypes) ids[type] = type;
		const pipeline = loadPipeline(ids);
		const platformProperties = credentialProperties(platformType);
		const storage = storageTypes.map((type) => storageCredential(type, credentialProperties(type)));
		const secrets: Secret[] = [{ label: 'Adobe client secret', value: CLIENT_SECRET_CANARY }, ...storage.flatMap((s) => s.secrets)];
		const timeoutSetting = platformCredentialData(platformProperties, 'x', 'http://127.0.0.1', IMS_PATH).timeoutSetting;
		const tally = newTally();
		const ctx: SuiteContext = {
			sim,
			capture,
			secrets,
			tokens: () => [...sim.state.tokens.keys()].map((token) => ({ label: 'bearer token', value: token })),
			platformType,
			platformData: (sandbox, origin) => platformCredentialData(platformProperties, sandbox, origin, IMS_PATH).data,
			storage: storage.map((s) => ({ type: s.type, data: s.data as IDataObject })),
			imsPath: IMS_PATH,
			seed: options.seed,
			rate: 0.1,
			runBoundMs: RUN_BOUND_MS,
			maxRequestsPerRun: 400,
			tally,
		};

		// Which destination each storage credential type serves, found by trying them without faults.
		const destinations = await findDestinations(ctx, pipeline);
		const baseStep = baseConnectionStep(pipeline);
		const storageScenario = (type: string, label: string): Scenario | undefined => {
			const destination = destinations.get(type);
			if (!destination) return undefined;
			const parameters = { ...baseStep.parameters, ...destination.parameters, name: `Fault suite base ${type}` };
			return {
				label: `${label} ${type}`,
				workflow: baseConnectionOnly(pipeline, parameters as IDataObject, { [platformType]: { id: platformType, name: platformType }, [type]: { id: type, name: type } }),
				mustHave: ['connections'],
				random: false,
			};
		};

		const lanes: Lane[] = [];
		const perLaneBudget = Math.ceil((options.targetFaults * 1.2) / options.lanes) + 40;
		for (let k = 0; k < options.lanes; k++) {
			const lane = await new Lane(ctx, `faults-lane-${k}`, options.seed * 1000 + k).start(perLaneBudget);
			seedExampleDataset(sim, lane.sandbox, pipeline);
			lanes.push(lane);
		}

		// Forced secret and redirect scenarios, spread over the lanes.
		const forced: Scenario[] = [];
		const writeTo = (route: string) => (r: { method: string; route: string }) => r.method === 'POST' && r.route.endsWith(route);
		for (const type of storageTypes) {
			for (const kind of ['secret-echo-400', 'redirect-307-write', 'redirect-308-write'] as const) {
				const scenario = storageScenario(type, kind);
				if (scenario) forced.push({ ...scenario, forced: [{ kind, when: writeTo('/connections') }] });
			}
		}
		const patched = withPatchStep(pipeline);
		const pipelineScenario = (label: string, random: boolean, patch = false): Scenario => ({
			label: patch ? `${label} +patch` : label,
			workflow: patch ? patched : pipeline,
			mustHave: ['connections', 'sourceConnections', 'targetConnections', 'flows'],
			random,
		});
		for (const kind of ['ims-secret-echo-400', 'ims-redirect-308'] as const) {
			forced.push({ ...pipelineScenario(kind, false), forced: [{ kind, when: (r) => r.isIms }] });
		}
		forced.push({ ...pipelineScenario('redirect-302-get', false), forced: [{ kind: 'redirect-302-get', when: (r) => r.method === 'GET' }] });
		forced.push({ ...pipelineScenario('secret-echo-400', false), forced: [{ kind: 'secret-echo-400', when: writeTo('/sourceConnections') }] });
		forced.push({ ...pipelineScenario('precondition-412-patch', false, true), forced: [{ kind: 'precondition-412-patch', when: () => true }] });

		const totalFaults = () => lanes.reduce((sum, lane) => sum + lane.faultsInjected, 0);
		const suiteDeadline = started + SUITE_BOUND_MS;
		const laneWork = lanes.map(async (lane, k) => {
			const mine = forced.filter((_, i) => i % lanes.length === k);
			for (const scenario of mine) await lane.run(scenario);
			for (let r = 0; ; r++) {
				if (options.runs !== undefined ? r >= options.runs : totalFaults() >= options.targetFaults) break;
				if (Date.now() > suiteDeadline) break;
				// Every fourth run is a base connection of one storage credential type.
				const type = storageTypes[(r + k) % storageTypes.length];
				const scenario = r % 4 === 3 ? storageScenario(type, 'random') : undefined;
				await lane.run(scenario ? { ...scenario, random: true } : pipelineScenario('random', true, r % 4 === 1));
			}
			// Convergence: once the faults stop, a re-run must succeed and reuse what exists.
			for (const scenario of [pipelineScenario('clean re-run', false), ...storageTypes.map((t) => storageScenario(t, 'clean re-run'))]) {
				if (!scenario) continue;
				const judgement = await lane.run(scenario);
				if (judgement.outcome !== 'completed' && !judgement.stuck) {
					tally.notConverged++;
					tally.violations.push({ category: 'not converged', run: `${lane.sandbox} ${scenario.label}`, faults: 'no fault', detail: `${judgement.outcome}: ${judgement.detail || judgement.error?.message}` });
				}
			}
		});
		await Promise.all(laneWork);

		const round = await concurrentRound(ctx, pipelineScenario('concurrent', true), options.concurrency, options.seed);
		const faultsInjected = totalFaults() + round.faults;
		for (const lane of lanes) await lane.close();

		return printReport({
			tally,
			faultsInjected,
			targetFaults: options.targetFaults,
			round,
			destinations,
			storageTypes,
			timeoutSetting,
			seconds: (Date.now() - started) / 1000,
			options,
			laneFaultCounts: lanes.map((lane) => lane.faultCounts),
		});
	} finally {
		capture.uninstall();
		await sim.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`fault suite crashed: ${(error as Error)?.stack ?? String(error)}\n`);
		process.exit(2);
	},
);
