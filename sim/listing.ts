/**
 * Flow Service list semantics: `property=` filters (repeat = AND, commas = OR, `[]` for arrays,
 * ranges in ms), `orderby`, `count=true`, and the two paging schemes (continuation tokens with
 * `_links.next.href`, and `start`/`limit` with `pageInfo`).
 */
export type Query = URLSearchParams;

/** Most items one page may hold, on both paging schemes. */
export const MAX_PAGE_SIZE = 100;

type Comparison = '==' | '!=' | '>=' | '<=' | '>' | '<';

export interface PropertyFilter {
	/** Dotted path; a step written `name[]` goes through every element of that array. */
	steps: Array<{ key: string; eachElement: boolean }>;
	comparison: Comparison;
	values: string[];
}

/** Thrown for malformed list queries; the caller turns it into AEP's problem JSON. */
export class BadQueryError extends Error {}

const FILTER = /^([A-Za-z0-9_.$@[\]-]+?)(==|!=|>=|<=|>|<)(.*)$/s;
const STEP = /^([A-Za-z0-9_$@-]+)(\[\])?$/;

export function parsePropertyFilters(query: Query): PropertyFilter[] {
	return query.getAll('property').map((expression) => {
		const match = FILTER.exec(expression);
		const steps = match?.[1].split('.').map((step) => STEP.exec(step));
		if (!match || match[3] === '' || !steps || steps.some((step) => !step)) {
			throw new BadQueryError(
				`Invalid property filter "${expression}". Expected <field><operator><value> with ==, !=, >, <, >= or <=`,
			);
		}
		return {
			steps: steps.map((step) => ({ key: step![1], eachElement: step![2] === '[]' })),
			comparison: match[2] as Comparison,
			values: match[3].split(','),
		};
	});
}

function valueAt(item: unknown, path: string[]): unknown {
	let current = item;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** Every value a filter path reaches (several when it goes through arrays). */
function valuesAt(item: unknown, filter: PropertyFilter): unknown[] {
	let current: unknown[] = [item];
	for (const { key, eachElement } of filter.steps) {
		current = current
			.map((value) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined))
			.flatMap((value) => (eachElement ? (Array.isArray(value) ? value : []) : [value]))
			.filter((value) => value !== undefined && value !== null);
	}
	return current;
}

function compare(actual: unknown, comparison: Comparison, expected: string): boolean {
	if (comparison === '==') return String(actual) === expected;
	if (comparison === '!=') return String(actual) !== expected;
	const a = typeof actual === 'number' ? actual : Number(actual);
	const b = Number(expected);
	if (!Number.isFinite(a) || !Number.isFinite(b)) {
		throw new BadQueryError(`Range filter value "${expected}" must be a number (epoch milliseconds for times)`);
	}
	switch (comparison) {
		case '>':
			return a > b;
		case '<':
			return a < b;
		case '>=':
			return a >= b;
		default:
			return a <= b;
	}
}

/** Commas in a value mean OR; `!=` holds when no reached value equals any of them. */
export function matchesFilters(item: unknown, filters: PropertyFilter[]): boolean {
	return filters.every((filter) => {
		const candidates = valuesAt(item, filter);
		if (filter.comparison === '!=') {
			return candidates.every((value) => filter.values.every((expected) => compare(value, '!=', expected)));
		}
		return candidates.some((value) => filter.values.some((expected) => compare(value, filter.comparison, expected)));
	});
}

/** `orderby=-createdAt` (descending) or `orderby=name`; without it, `fallback` applies (none keeps the order). */
export function sortItems<T>(items: T[], query: Query, fallback?: { field: string; descending: boolean }): T[] {
	const orderby = query.get('orderby');
	if (!orderby && !fallback) return items;
	// Without a sign, AEP sorts ascending; `-` is descending, `+` ascending.
	const descending = orderby ? orderby.startsWith('-') : fallback!.descending;
	const field = orderby ? orderby.replace(/^[-+]/, '') : fallback!.field;
	const path = field.split('.');
	return [...items].sort((left, right) => {
		const a = valueAt(left, path);
		const b = valueAt(right, path);
		const order =
			typeof a === 'number' && typeof b === 'number' ? a - b : String(a ?? '').localeCompare(String(b ?? ''));
		return descending ? -order : order;
	});
}

function parseLimit(query: Query, fallback: number, clamp: boolean): number {
	const raw = query.get('limit');
	if (raw === null || raw === '') return fallback;
	const limit = Number(raw);
	if (!Number.isInteger(limit) || limit < 1) throw new BadQueryError(`limit "${raw}" must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
	if (limit > MAX_PAGE_SIZE) {
		if (clamp) return MAX_PAGE_SIZE;
		throw new BadQueryError(`limit "${raw}" must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
	}
	return limit;
}

function encodeToken(offset: number): string {
	return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function decodeToken(token: string): number {
	try {
		const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
		if (typeof decoded.offset === 'number' && Number.isInteger(decoded.offset) && decoded.offset >= 0) return decoded.offset;
	} catch {
		// falls through to the error below
	}
	throw new BadQueryError(`continuationToken "${token}" is not valid`);
}

export interface ContinuationPage<T> {
	items: T[];
	_links: { next?: { href: string } };
}

/**
 * One page over continuation tokens. The next link repeats the request's own filters, as Flow
 * Service does, so a client that only follows `_links.next.href` keeps them.
 */
export function continuationPage<T>(items: T[], query: Query, path: string, defaultLimit = MAX_PAGE_SIZE): ContinuationPage<T> {
	const limit = parseLimit(query, defaultLimit, true);
	const token = query.get('continuationToken');
	const offset = token ? decodeToken(token) : 0;
	const page = items.slice(offset, offset + limit);
	if (offset + limit >= items.length) return { items: page, _links: {} };
	const next = new URLSearchParams(query);
	next.delete('continuationToken');
	next.set('continuationToken', encodeToken(offset + limit));
	return { items: page, _links: { next: { href: `${path}?${next.toString()}` } } };
}

export interface StartLimitPage<T> {
	items: T[];
	pageInfo: { start: number; end: number; total: number; hasNext: boolean };
}

/** One page over `start`/`limit` (limit 1-100); `end` is the index of the last item returned. */
export function startLimitPage<T>(items: T[], query: Query, defaultLimit = 20): StartLimitPage<T> {
	const limit = parseLimit(query, defaultLimit, false);
	const rawStart = query.get('start');
	const start = rawStart === null || rawStart === '' ? 0 : Number(rawStart);
	if (!Number.isInteger(start) || start < 0) throw new BadQueryError(`start "${rawStart}" must be a whole number >= 0`);
	const page = items.slice(start, start + limit);
	return {
		items: page,
		pageInfo: {
			start,
			end: page.length ? start + page.length - 1 : start,
			total: items.length,
			hasNext: start + page.length < items.length,
		},
	};
}

/** `count=true` answers only the number of matching items. */
export function wantsCount(query: Query): boolean {
	return query.get('count') === 'true';
}
