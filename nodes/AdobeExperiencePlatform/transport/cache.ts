import { CREDENTIAL_NAME } from './constants';
import type { AepContext } from './types';

/**
 * Remembers a value for the rest of one execution (e.g. the destinations catalogue), so many items
 * and fields reuse one request. Contexts without an execution (dropdowns) fetch each time.
 */
const executionCache = new Map<string, { expires: number; value: Promise<unknown> }>();
const EXECUTION_CACHE_TTL_MS = 10 * 60 * 1000;
const EXECUTION_CACHE_MAX = 200;

export async function cachedPerExecution<T>(
	ctx: AepContext,
	key: string,
	load: () => Promise<T>,
): Promise<T> {
	let executionId: string | undefined;
	if ('getExecutionId' in ctx && typeof ctx.getExecutionId === 'function') {
		executionId = ctx.getExecutionId();
	}
	if (!executionId) return await load();
	const now = Date.now();
	// Keyed by credential too: two nodes may talk to two sandboxes in one execution.
	const credentialId = ctx.getNode().credentials?.[CREDENTIAL_NAME]?.id ?? ctx.getNode().name;
	const cacheKey = `${executionId}\u0000${credentialId}\u0000${key}`;
	const hit = executionCache.get(cacheKey);
	if (hit && hit.expires > now) return (await hit.value) as T;
	for (const [k, entry] of executionCache) {
		if (entry.expires <= now || executionCache.size >= EXECUTION_CACHE_MAX) executionCache.delete(k);
		else break;
	}
	const value = load();
	executionCache.set(cacheKey, { expires: now + EXECUTION_CACHE_TTL_MS, value });
	// A failed load is forgotten, so the next caller asks again.
	value.catch(() => executionCache.delete(cacheKey));
	return await value;
}
