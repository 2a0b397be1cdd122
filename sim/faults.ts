/**
 * Fault switches for tests and benchmarks. Each "next N requests" fault counts down as matching
 * Flow Service requests arrive; `delayMs` slows every answer (IMS included) until cleared.
 */

export interface FaultFilter {
	/** Only requests with this method (e.g. 'POST'). */
	method?: string;
	/** Only requests whose path below the Flow Service base starts with this (e.g. '/flows'). */
	pathPrefix?: string;
}

export interface ThrottleFault extends FaultFilter {
	count: number;
	/** Seconds sent in `Retry-After`. */
	retryAfterSeconds?: number;
}

export interface ServerErrorFault extends FaultFilter {
	count: number;
	/** 500, 502, 503 or 504. */
	status?: number;
}

export interface ResetFault extends FaultFilter {
	count: number;
}

interface Pending<T extends FaultFilter> {
	fault: T;
	remaining: number;
}

export type FaultDecision =
	| { kind: 'reset' }
	| { kind: 'throttle'; retryAfterSeconds: number }
	| { kind: 'serverError'; status: number };

const SERVER_ERROR_STATUSES = new Set([500, 502, 503, 504]);

export class FaultSwitches {
	private throttles: Array<Pending<ThrottleFault>> = [];
	private serverErrors: Array<Pending<ServerErrorFault>> = [];
	private resets: Array<Pending<ResetFault>> = [];
	/** Milliseconds every answer waits before it is sent. */
	delayMs = 0;
	/** Bumped by `expireTokens`; tokens issued in an older generation answer 401013. */
	tokenGeneration = 0;

	/** 429 with `Retry-After` for the next `count` matching requests. */
	throttle(fault: ThrottleFault): this {
		this.throttles.push({ fault, remaining: checkCount(fault.count) });
		return this;
	}

	/** 5xx for the next `count` matching requests. */
	failWith(fault: ServerErrorFault): this {
		const status = fault.status ?? 503;
		if (!SERVER_ERROR_STATUSES.has(status)) throw new Error(`status ${status} is not one of 500, 502, 503, 504`);
		this.serverErrors.push({ fault: { ...fault, status }, remaining: checkCount(fault.count) });
		return this;
	}

	/** Destroys the socket without an answer for the next `count` matching requests. */
	resetConnections(fault: ResetFault): this {
		this.resets.push({ fault, remaining: checkCount(fault.count) });
		return this;
	}

	/** Slows every answer by `ms` (0 turns it off). */
	delay(ms: number): this {
		if (!Number.isFinite(ms) || ms < 0) throw new Error(`delay ${ms} must be a number of milliseconds >= 0`);
		this.delayMs = ms;
		return this;
	}

	/** Invalidates every token issued so far: Flow Service answers 401013 until a new token is fetched. */
	expireTokens(): this {
		this.tokenGeneration++;
		return this;
	}

	clear(): this {
		this.throttles = [];
		this.serverErrors = [];
		this.resets = [];
		this.delayMs = 0;
		return this;
	}

	/** What is still armed, for `GET /__sim/faults`. */
	describe() {
		const list = <T extends FaultFilter>(pending: Array<Pending<T>>) =>
			pending.filter((p) => p.remaining > 0).map((p) => ({ ...p.fault, count: p.remaining }));
		return {
			throttle: list(this.throttles),
			serverErrors: list(this.serverErrors),
			resetConnections: list(this.resets),
			delayMs: this.delayMs,
			tokenGeneration: this.tokenGeneration,
		};
	}

	/** Consumes the first armed fault matching this request, if any (reset, then 429, then 5xx). */
	take(method: string, path: string): FaultDecision | undefined {
		const reset = consume(this.resets, method, path);
		if (reset) return { kind: 'reset' };
		const throttle = consume(this.throttles, method, path);
		if (throttle) return { kind: 'throttle', retryAfterSeconds: throttle.retryAfterSeconds ?? 1 };
		const serverError = consume(this.serverErrors, method, path);
		if (serverError) return { kind: 'serverError', status: serverError.status ?? 503 };
		return undefined;
	}
}

function checkCount(count: number): number {
	if (!Number.isInteger(count) || count < 1) throw new Error(`count ${count} must be a whole number >= 1`);
	return count;
}

function matches(filter: FaultFilter, method: string, path: string): boolean {
	return (
		(filter.method === undefined || filter.method.toUpperCase() === method.toUpperCase()) &&
		(filter.pathPrefix === undefined || path.startsWith(filter.pathPrefix))
	);
}

function consume<T extends FaultFilter>(pending: Array<Pending<T>>, method: string, path: string): T | undefined {
	const hit = pending.find((p) => p.remaining > 0 && matches(p.fault, method, path));
	if (!hit) return undefined;
	hit.remaining--;
	return hit.fault;
}
