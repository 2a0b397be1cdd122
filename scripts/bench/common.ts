/** What every benchmark case shares: the simulation process, credentials, measuring, the result rows. */
import type { IDataObject } from 'n8n-workflow';

import type { RequestLogEntry } from '../../sim/store';
import { TestCredentialsHelper } from '../../test/harness/credentials';
import type { runWorkflow } from '../../test/harness/engine';
import type { SimProcess } from './simProcess';

export const CLIENT_ID = 'bench-client-id';
export const CLIENT_SECRET = 'bench-client-secret';
export const ORG_ID = 'BENCH0123456789ABCDEF0123@AdobeOrg';
export const SANDBOX = 'bench';

export interface Row {
	name: string;
	measured: string;
	goal: string;
	/** Undefined: reported, no goal. */
	ok?: boolean;
}

export interface BenchContext {
	sim: SimProcess;
	credentials: TestCredentialsHelper;
	/** Adds an AEP credential (a new ID starts with no token and nothing cached) and returns its ID. */
	addAepCredential(id: string): string;
}

export function benchContext(sim: SimProcess): BenchContext {
	const credentials = new TestCredentialsHelper({
		s3: {
			type: 'aepAmazonS3AccessKeyApi',
			data: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
		},
	});
	const context: BenchContext = {
		sim,
		credentials,
		addAepCredential(id) {
			credentials.set(id, {
				type: 'aepPlatformApi',
				data: {
					clientId: CLIENT_ID,
					clientSecret: CLIENT_SECRET,
					organizationId: ORG_ID,
					sandboxName: SANDBOX,
					showAdvanced: true,
					imsTokenUrl: sim.imsTokenUrl,
					gatewayUrl: sim.gatewayUrl,
					accessToken: '',
				},
			});
			return id;
		},
	};
	context.addAepCredential('aep-1');
	return context;
}

export interface Measured<T> {
	result: T;
	requests: RequestLogEntry[];
	ms: number;
	/** Highest heap use above the starting point while the job ran, in MB. */
	peakHeapMb: number;
}

/** Runs `job` once, counting the simulation's requests and sampling the heap every few ms. */
/** The run with the median time (the upper middle one of an even count). */
export function median<T>(runs: Array<Measured<T>>): Measured<T> {
	return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
}

export async function measure<T>(sim: SimProcess, job: () => Promise<T>): Promise<Measured<T>> {
	await sim.clearRequests();
	global.gc?.();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 5);
	const started = performance.now();
	let result: T;
	try {
		result = await job();
	} finally {
		clearInterval(sampler);
	}
	const ms = performance.now() - started;
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	const requests = await sim.requests();
	return { result, requests, ms, peakHeapMb: (peak - base) / 1024 / 1024 };
}

export async function expectSuccess(run: ReturnType<typeof runWorkflow>, nodes: string[]): Promise<Record<string, IDataObject[]>> {
	const result = await run;
	const failure = result.run.data.resultData.error;
	if (failure) {
		const description = (failure as { description?: string }).description ?? '';
		throw new Error(`${result.run.data.resultData.lastNodeExecuted ?? 'workflow'} failed: ${failure.message} ${description}`);
	}
	const outputs: Record<string, IDataObject[]> = {};
	for (const node of nodes) {
		const error = result.error(node);
		if (error) throw new Error(`${node} failed: ${error.message} ${error.description ?? ''}`);
		outputs[node] = result.output(node).map((item) => item.json);
	}
	return outputs;
}

/** Requests by kind, for the pipeline's accounting. */
export function kinds(requests: RequestLogEntry[]) {
	const flowService = (entry: RequestLogEntry) => entry.path.replace('/data/foundation/flowservice', '');
	const count = (test: (entry: RequestLogEntry, path: string) => boolean) =>
		requests.filter((entry) => test(entry, flowService(entry))).length;
	const collections = /^\/(connections|sourceConnections|targetConnections|flows)$/;
	return {
		total: requests.length,
		tokens: count((e) => e.path.startsWith('/ims/')),
		creates: count((e, p) => e.method === 'POST' && collections.test(p)),
		lookups: count((e, p) => e.method === 'GET' && collections.test(p) && String(e.query.property ?? '').includes('name==')),
		specReads: count((e, p) => e.method === 'GET' && (/^\/connectionSpecs(\/[^/]+)?$/.test(p) || p === '/flowSpecs')),
		datasetPages: count((_e, p) => p.endsWith('/configs')),
		runReads: count((e, p) => e.method === 'GET' && p.startsWith('/runs')),
		patches: count((e) => e.method === 'PATCH'),
		flowReads: count((e, p) => e.method === 'GET' && /^\/flows\/[^/]+$/.test(p)),
	};
}

export const ratio = (a: number, b: number) => (b === 0 ? Number.POSITIVE_INFINITY : a / b);
export const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '∞');

/** A token straight from the simulation's IMS, for the bench's own plain-HTTP set-up and baselines. */
export async function fetchToken(imsTokenUrl: string): Promise<string> {
	const response = await fetch(imsTokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'openid' }),
	});
	return ((await response.json()) as { access_token: string }).access_token;
}
