/**
 * Connection specs and flow specs change rarely (Adobe publishes them), so they are kept per
 * credential and sandbox for a bounded time across executions and dropdown opens. A failed read
 * is forgotten at once; a stale one is read again; `refresh` reads again whatever is kept.
 */
import type { AepContext } from '../transport';
import { aepCredentials, CREDENTIAL_NAME } from '../transport';

export const CATALOGUE_TTL_MS = 15 * 60 * 1000;

type Entries = Map<string, { expires: number; value: Promise<unknown> }>;

/**
 * Two stores, each with its own bound, so that the dataset picker's pages (up to 500 for 50,000
 * datasets) never push the specs out.
 */
const STORES = {
	catalogue: { entries: new Map() as Entries, maxEntries: 100 },
	datasetPages: { entries: new Map() as Entries, maxEntries: 500 },
};
export type CatalogueStore = keyof typeof STORES;

const refreshedIn = new WeakMap<object, Set<string>>();

/** Forgets everything kept (tests start from nothing). */
export function clearCatalogueCache(): void {
	for (const store of Object.values(STORES)) store.entries.clear();
}

async function scopeOf(ctx: AepContext): Promise<string> {
	const node = ctx.getNode();
	const credentialId = node.credentials?.[CREDENTIAL_NAME]?.id ?? node.name;
	const credentials = await aepCredentials(ctx);
	return [credentialId, credentials.gatewayUrl ?? '', credentials.organizationId ?? '', credentials.sandboxName ?? ''].join('\u0000');
}

/**
 * The value kept under `key` for this credential and sandbox, or what `load` reads (then kept).
 * With `refresh`, the first call of a node run reads again; later calls of that run share its read.
 */
export async function cachedCatalogue<T>(
	ctx: AepContext,
	key: string,
	load: () => Promise<T>,
	options: { refresh?: boolean; ttlMs?: number; store?: CatalogueStore } = {},
): Promise<T> {
	const { entries, maxEntries } = STORES[options.store ?? 'catalogue'];
	const cacheKey = `${await scopeOf(ctx)}\u0000${key}`;
	const now = Date.now();
	const hit = entries.get(cacheKey);
	// A refresh reads once per node run (context), however many items ask for it.
	const refreshed = refreshedIn.get(ctx) ?? new Set<string>();
	const refresh = options.refresh === true && !refreshed.has(cacheKey);
	if (refresh) refreshedIn.set(ctx, refreshed.add(cacheKey));
	if (hit && hit.expires > now && !refresh) return (await hit.value) as T;
	entries.delete(cacheKey);
	for (const [k, entry] of entries) {
		if (entry.expires <= now || entries.size >= maxEntries) entries.delete(k);
	}
	const value = load();
	entries.set(cacheKey, { expires: now + (options.ttlMs ?? CATALOGUE_TTL_MS), value });
	value.catch(() => {
		if (entries.get(cacheKey)?.value === value) entries.delete(cacheKey);
	});
	return await value;
}

/** The value kept under `key`, if any and fresh, without reading anything. */
export async function peekCatalogue<T>(ctx: AepContext, key: string): Promise<T | undefined> {
	const hit = STORES.catalogue.entries.get(`${await scopeOf(ctx)}\u0000${key}`);
	if (!hit || hit.expires <= Date.now()) return undefined;
	try {
		return (await hit.value) as T;
	} catch {
		return undefined;
	}
}
