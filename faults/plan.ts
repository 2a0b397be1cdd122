/**
 * What the proxy injects, and when: fault kinds, which requests each applies to, and a seeded,
 * order-independent decision per request (a hash of seed, run, request and occurrence), so a seed
 * gives the same faults even when requests of one run interleave differently.
 */

export const FAULT_KINDS = [
	'throttle-429-retry-after',
	'throttle-429-no-retry-after',
	'error-500-before',
	'error-502-before',
	'error-503-before',
	'error-504-before',
	'error-5xx-after-acted',
	'reset-before-answer',
	'reset-mid-response',
	'slow-answer',
	'silent-server',
	'expired-401',
	'precondition-412-patch',
	'malformed-json-2xx',
	'empty-body-2xx',
	'html-body-2xx',
	'secret-echo-400',
	'redirect-302-get',
	'redirect-307-write',
	'redirect-308-write',
	'ims-429',
	'ims-5xx',
	'ims-empty-200',
	'ims-html-200',
	'ims-secret-echo-400',
	'ims-redirect-308',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface RequestFacts {
	/** Which run (label) the request belongs to; set by the runner before each run. */
	run: string;
	method: string;
	/** Path with IDs replaced by `{id}`, so repeated runs hash alike. */
	route: string;
	isIms: boolean;
	hasBody: boolean;
	/** How many requests with the same method and route this run made before this one. */
	occurrence: number;
}

/** Whether a kind can be injected into this request. */
export function applies(kind: FaultKind, request: RequestFacts): boolean {
	const write = request.method === 'POST' || request.method === 'PATCH' || request.method === 'PUT';
	if (request.isIms) {
		return (
			kind.startsWith('ims-') ||
			kind === 'reset-before-answer' ||
			kind === 'slow-answer' ||
			kind === 'silent-server'
		);
	}
	if (kind.startsWith('ims-')) return false;
	switch (kind) {
		case 'precondition-412-patch':
			return request.method === 'PATCH';
		case 'secret-echo-400':
			return write && request.hasBody;
		case 'redirect-302-get':
			return request.method === 'GET';
		case 'redirect-307-write':
		case 'redirect-308-write':
			return write;
		default:
			return true;
	}
}

/** Relative weights of the random plan; secret and redirect scenarios are also forced per credential. */
export const DEFAULT_WEIGHTS: Record<FaultKind, number> = {
	'throttle-429-retry-after': 4,
	'throttle-429-no-retry-after': 4,
	'error-500-before': 3,
	'error-502-before': 3,
	'error-503-before': 3,
	'error-504-before': 3,
	'error-5xx-after-acted': 6,
	'reset-before-answer': 5,
	'reset-mid-response': 6,
	'slow-answer': 5,
	// Each silent fault holds a run until its wall-clock bound while no request timeout exists.
	'silent-server': 0.6,
	'expired-401': 4,
	'precondition-412-patch': 6,
	'malformed-json-2xx': 5,
	'empty-body-2xx': 5,
	'html-body-2xx': 5,
	'secret-echo-400': 3,
	'redirect-302-get': 2,
	'redirect-307-write': 2,
	'redirect-308-write': 2,
	'ims-429': 6,
	'ims-5xx': 6,
	'ims-empty-200': 5,
	'ims-html-200': 5,
	'ims-secret-echo-400': 5,
	'ims-redirect-308': 3,
};

/** A fault to inject whatever the dice say: the first `times` requests matching `when`. */
export interface ForcedFault {
	kind: FaultKind;
	when: (request: RequestFacts) => boolean;
	times?: number;
}

export interface PlanOptions {
	seed: number;
	/** Probability that a request gets a random fault (0 = only forced faults). */
	rate: number;
	weights?: Partial<Record<FaultKind, number>>;
}

/** FNV-1a then a mulberry32 step: a number in [0, 1) from text. */
export function unitHash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	let t = (h + 0x6d2b79f5) | 0;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A seeded PRNG (mulberry32) for choices outside the per-request decision (delays, statuses). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), a | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{24}$/i;

export function routeOf(pathname: string): string {
	return pathname
		.split('/')
		.map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
		.join('/');
}

export class FaultPlan {
	private forced: Array<ForcedFault & { left: number }> = [];

	constructor(private readonly options: PlanOptions) {}

	/** Changes the random fault rate (0 while a scenario forces its own faults or a clean re-run). */
	setRate(rate: number): void {
		this.options.rate = rate;
	}

	/** Replaces the forced faults (e.g. per scenario run). */
	force(faults: ForcedFault[]): void {
		this.forced = faults.map((fault) => ({ ...fault, left: fault.times ?? 1 }));
	}

	decide(request: RequestFacts): FaultKind | undefined {
		for (const fault of this.forced) {
			if (fault.left > 0 && applies(fault.kind, request) && fault.when(request)) {
				fault.left--;
				return fault.kind;
			}
		}
		if (this.options.rate <= 0) return undefined;
		const key = `${this.options.seed}|${request.run}|${request.method} ${request.route}|${request.occurrence}`;
		if (unitHash(`${key}|fault?`) >= this.options.rate) return undefined;
		const candidates = FAULT_KINDS.filter((kind) => applies(kind, request));
		const weights = candidates.map((kind) => this.options.weights?.[kind] ?? DEFAULT_WEIGHTS[kind]);
		const total = weights.reduce((a, b) => a + b, 0);
		if (total <= 0) return undefined;
		let pick = unitHash(`${key}|kind`) * total;
		for (let i = 0; i < candidates.length; i++) {
			pick -= weights[i];
			if (pick < 0) return candidates[i];
		}
		return candidates[candidates.length - 1];
	}
}
