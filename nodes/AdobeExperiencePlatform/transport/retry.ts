/** When a failed attempt is tried again, and after how long. Tests shorten the waits through `setRetryPolicy`. */
import type { Failure } from './types';

const retryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

export function setRetryPolicy(policy: Partial<typeof retryPolicy>): typeof retryPolicy {
	const previous = { ...retryPolicy };
	Object.assign(retryPolicy, policy);
	return previous;
}

export function maxRetries(): number {
	return retryPolicy.maxRetries;
}

/**
 * 429 says "not done, try later" for every method. The others leave the outcome unknown, so only
 * reads (GET, HEAD) are repeated: a create is never blindly sent twice.
 */
const RETRYABLE_READ_STATUS = new Set([500, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
	'ERR_BAD_RESPONSE',
]);

export function isRetryable(failure: Failure, idempotent: boolean): boolean {
	if (failure.redirectTo !== undefined || failure.insecure) return false;
	if (failure.statusCode === 429 && !failure.readFailed && !failure.unreadable) return true;
	if (!idempotent) return false;
	if (failure.unreadable || failure.readFailed) return true;
	if (failure.statusCode !== undefined) return RETRYABLE_READ_STATUS.has(failure.statusCode);
	return failure.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(failure.networkCode);
}

/**
 * Retry-After when the server gave one (capped); otherwise exponential backoff with jitter, so
 * many executions that failed together do not come back together.
 */
export function retryDelay(attempt: number, retryAfter: string | undefined, random = Math.random): number {
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Math.max(0, Date.parse(retryAfter) - Date.now());
		if (Number.isFinite(ms)) return Math.min(ms, retryPolicy.maxDelayMs);
	}
	const ceiling = Math.min(retryPolicy.baseDelayMs * 2 ** attempt, retryPolicy.maxDelayMs);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
