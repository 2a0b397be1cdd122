import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { CREDENTIAL_NAME, FLOW_SERVICE_PATH } from './constants';

/** Every context a node runs requests from. */
export type AepContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

export interface AepRequest {
	method: IHttpRequestMethods;
	/** Path below `/data/foundation/flowservice`, e.g. `/flows`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: Record<string, string>;
	itemIndex?: number;
}

export interface AepResponse<T = IDataObject> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
}

/** Tunables kept in one place; tests shorten the waits through `setRetryPolicy`. */
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

/** Statuses that say "try again later" without the request having changed anything, or (for
 * idempotent requests only) that leave the outcome unknown. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);
/** Most requests that may run at once inside one node for one job (pages, lookups). */
export const PARALLEL_REQUEST_LIMIT = 4;
/** AEP's largest page size on both paging schemes. */
export const MAX_PAGE_SIZE = 100;

async function baseUrl(ctx: AepContext): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const gateway = String(credentials.gatewayUrl || 'https://platform.adobe.io').replace(/\/+$/, '');
	return `${gateway}${FLOW_SERVICE_PATH}`;
}

/**
 * The one way this package talks to Flow Service: base URL, JSON headers, authentication through
 * n8n's credential (token reuse and refresh on 401 are n8n's), retries and error mapping.
 */
export async function aepRequest<T = IDataObject>(
	ctx: AepContext,
	request: AepRequest,
): Promise<AepResponse<T>> {
	const url = `${await baseUrl(ctx)}${request.path}`;
	const hasBody = request.body !== undefined && request.method !== 'GET';
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		headers: {
			Accept: 'application/json',
			...(hasBody ? { 'Content-Type': 'application/json' } : {}),
			...request.headers,
		},
		body: hasBody ? request.body : undefined,
		json: true,
		returnFullResponse: true,
		// 401 still throws so that n8n refreshes the token and repeats the call once; every other
		// status comes back to us with its headers, so errors keep AEP's message and request id.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		arrayFormat: 'repeat',
	};
	const idempotent = request.method === 'GET' || request.method === 'HEAD';
	return await afterFirstRequest(ctx, async () => await send<T>(ctx, request, options, idempotent));
}

/**
 * The first request of a node run goes alone: n8n fetches the token on the first request that finds
 * none, so parallel first requests (catalogue reads, pages) would each fetch a token of their own.
 */
const firstRequests = new WeakMap<object, Promise<void>>();

async function afterFirstRequest<R>(ctx: AepContext, send: () => Promise<R>): Promise<R> {
	const first = firstRequests.get(ctx);
	if (first) {
		await first;
		return await send();
	}
	let done: () => void = () => {};
	firstRequests.set(ctx, new Promise<void>((resolve) => (done = resolve)));
	try {
		return await send();
	} finally {
		done();
	}
}

async function send<T>(
	ctx: AepContext,
	request: AepRequest,
	options: IHttpRequestOptions,
	idempotent: boolean,
): Promise<AepResponse<T>> {

	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		let thrown: unknown;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_NAME,
				{ ...options, headers: { ...options.headers } },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			thrown = error;
		}

		if (response && response.statusCode < 400) {
			return {
				body: parseBody(response.body) as T,
				headers: lowerCaseHeaders(response.headers),
				statusCode: response.statusCode,
			};
		}

		const failure = response
			? {
					statusCode: response.statusCode,
					headers: lowerCaseHeaders(response.headers),
					body: parseBody(response.body),
				}
			: failureFromThrown(thrown);
		const retryable =
			failure.statusCode === 429 ||
			(idempotent &&
				((failure.statusCode !== undefined && RETRYABLE_STATUS.has(failure.statusCode)) ||
					(failure.statusCode === undefined &&
						failure.networkCode !== undefined &&
						RETRYABLE_NETWORK_CODES.has(failure.networkCode))));
		if (retryable && attempt < retryPolicy.maxRetries) {
			await sleep(retryDelay(attempt, failure.headers?.['retry-after']));
			continue;
		}
		throw toNodeApiError(ctx, request, failure, thrown, attempt);
	}
}

/** Only the body, for the many calls that need nothing else. */
export async function aepRequestBody<T = IDataObject>(ctx: AepContext, request: AepRequest) {
	return (await aepRequest<T>(ctx, request)).body;
}

function retryDelay(attempt: number, retryAfter: string | undefined): number {
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		const ms = Number.isFinite(seconds)
			? seconds * 1000
			: Math.max(0, Date.parse(retryAfter) - Date.now());
		if (Number.isFinite(ms)) return Math.min(ms, retryPolicy.maxDelayMs);
	}
	return Math.min(retryPolicy.baseDelayMs * 2 ** attempt, retryPolicy.maxDelayMs);
}

interface Failure {
	statusCode?: number;
	headers?: Record<string, string>;
	body?: unknown;
	networkCode?: string;
	message?: string;
}

function failureFromThrown(thrown: unknown): Failure {
	// n8n wraps what axios threw in a NodeApiError whose cause is the axios error.
	const error = thrown as {
		cause?: unknown;
		code?: string;
		message?: string;
		httpCode?: string | null;
		response?: { status?: number; headers?: unknown; data?: unknown };
	};
	const cause = (error?.cause ?? error) as typeof error;
	const response = cause?.response ?? error?.response;
	if (response?.status !== undefined) {
		return {
			statusCode: response.status,
			headers: lowerCaseHeaders(response.headers),
			body: parseBody(response.data),
			message: cause?.message,
		};
	}
	return {
		networkCode: cause?.code ?? error?.code,
		message: cause?.message ?? error?.message ?? String(thrown),
	};
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		const entries =
			typeof (headers as { toJSON?: () => object }).toJSON === 'function'
				? Object.entries((headers as { toJSON: () => object }).toJSON())
				: Object.entries(headers);
		for (const [key, value] of entries) {
			if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
		}
	}
	return result;
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		if (body.trim() === '') return {};
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body ?? {};
}

export interface AepErrorInfo {
	message: string;
	code?: string;
	details?: string;
}

/**
 * Reads AEP's four error shapes (and IMS's), so the user sees AEP's own words:
 * 1. gateway `{error_code, message}`; 2. Flow Service `{errorMessage, errorDetails}`;
 * 3. problem JSON `{type, title, status, detail, report}`; 4. `{message}`.
 */
export function readAepError(body: unknown): AepErrorInfo | undefined {
	if (typeof body === 'string') return body.trim() ? { message: body.trim().slice(0, 500) } : undefined;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as Record<string, unknown>;
	const text = (value: unknown): string | undefined => {
		if (value === undefined || value === null || value === '') return undefined;
		return typeof value === 'string' ? value : JSON.stringify(value);
	};
	if (b.error_code !== undefined) {
		return { message: text(b.message) ?? 'Request rejected by the Adobe gateway', code: text(b.error_code) };
	}
	if (b.errorMessage !== undefined) {
		return {
			message: text(b.errorMessage)!,
			code: text(b.errorCode ?? b.code),
			details: text(b.errorDetails),
		};
	}
	if (b.title !== undefined || b.detail !== undefined) {
		const report = b.report as Record<string, unknown> | undefined;
		const reportText = report
			? text(report['detailed-message'] ?? report.detailedMessage ?? report.message ?? report)
			: undefined;
		const title = text(b.title);
		const detail = text(b.detail);
		return {
			message: [title, detail].filter(Boolean).join(': ') || 'Request failed',
			code: text(b.code ?? b.type),
			details: reportText,
		};
	}
	if (b.error_description !== undefined || typeof b.error === 'string') {
		return { message: text(b.error_description) ?? text(b.error)!, code: text(b.error) };
	}
	if (b.message !== undefined) return { message: text(b.message)!, code: text(b.code) };
	return undefined;
}

function toNodeApiError(
	ctx: AepContext,
	request: AepRequest,
	failure: Failure,
	thrown: unknown,
	retries: number,
): NodeApiError {
	const info = readAepError(failure.body);
	const requestId = failure.headers?.['x-request-id'];
	const status = failure.statusCode;
	let message: string;
	if (info) {
		message = `AEP ${request.method} ${request.path} failed: ${info.message}`;
	} else if (status !== undefined) {
		message = `AEP ${request.method} ${request.path} failed with HTTP ${status}`;
	} else {
		message = `AEP ${request.method} ${request.path} could not be sent: ${failure.networkCode ?? failure.message ?? 'network error'}`;
	}
	const facts = [
		info?.code ? `error code ${info.code}` : undefined,
		status !== undefined ? `HTTP ${status}` : undefined,
		requestId ? `request id ${requestId}` : undefined,
		retries > 0 ? `after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : undefined,
	].filter(Boolean);
	const description = [facts.join(', '), info?.details].filter(Boolean).join('. ');
	const error = new NodeApiError(
		ctx.getNode(),
		{
			message: info?.message ?? failure.message ?? message,
			...(info?.code ? { errorCode: info.code } : {}),
			...(requestId ? { requestId } : {}),
		} as JsonObject,
		{
			message,
			description: description || undefined,
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
	// Machine-readable facts for expressions and error workflows.
	error.context.aep = {
		status: status ?? null,
		errorCode: info?.code ?? null,
		requestId: requestId ?? null,
		aepMessage: info?.message ?? null,
		networkCode: failure.networkCode ?? null,
	};
	if (status === undefined && thrown instanceof Error && !failure.networkCode) {
		error.cause = thrown;
	}
	return error;
}

/** Runs `task` over `inputs` with at most `limit` at once, keeping the input order in the result. */
export async function mapBounded<I, O>(
	inputs: readonly I[],
	limit: number,
	task: (input: I, index: number) => Promise<O>,
): Promise<O[]> {
	const results = new Array<O>(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
	return results;
}

export interface ListRequest {
	path: string;
	qs?: IDataObject;
	/** Undefined means every item. */
	limit?: number;
	itemIndex?: number;
	/** Key holding the items in each page; AEP uses `items`. */
	itemsKey?: string;
	/** Client-side filter (continuation lists): full pages are read and the limit counts kept items. */
	keep?: (item: IDataObject) => boolean;
}

interface ContinuationPage {
	_links?: { next?: { href?: string } };
	[key: string]: unknown;
}

/**
 * Lists over continuation tokens: each page's `_links.next.href` carries `continuationToken` as a
 * URL query parameter; the filters of the first request are repeated on every page.
 */
export async function aepListByContinuation(ctx: AepContext, list: ListRequest): Promise<IDataObject[]> {
	const itemsKey = list.itemsKey ?? 'items';
	const results: IDataObject[] = [];
	let token: string | undefined;
	do {
		const remaining =
			list.limit === undefined || list.keep ? MAX_PAGE_SIZE : list.limit - results.length;
		const page = await aepRequestBody<ContinuationPage>(ctx, {
			method: 'GET',
			path: list.path,
			qs: {
				...list.qs,
				limit: Math.min(MAX_PAGE_SIZE, remaining),
				...(token ? { continuationToken: token } : {}),
			},
			itemIndex: list.itemIndex,
		});
		const items = (page[itemsKey] as IDataObject[] | undefined) ?? [];
		results.push(...(list.keep ? items.filter(list.keep) : items));
		token = continuationTokenOf(page._links?.next?.href);
		if (items.length === 0) break;
	} while (token && (list.limit === undefined || results.length < list.limit));
	return list.limit === undefined ? results : results.slice(0, list.limit);
}

export function continuationTokenOf(href: string | undefined): string | undefined {
	if (!href) return undefined;
	const query = href.includes('?') ? href.slice(href.indexOf('?') + 1) : href;
	return new URLSearchParams(query).get('continuationToken') ?? undefined;
}

interface StartLimitPage {
	pageInfo?: { start?: number; end?: number; total?: number; hasNext?: boolean };
	[key: string]: unknown;
}

/**
 * Lists over `start`/`limit` with `pageInfo`. Once the first page tells the total, the remaining
 * pages are fetched in parallel (bounded) and put back in order.
 */
export async function aepListByStartLimit(ctx: AepContext, list: ListRequest): Promise<IDataObject[]> {
	const itemsKey = list.itemsKey ?? 'items';
	const pageSize = Math.min(MAX_PAGE_SIZE, list.limit ?? MAX_PAGE_SIZE);
	const fetchPage = async (start: number) =>
		await aepRequestBody<StartLimitPage>(ctx, {
			method: 'GET',
			path: list.path,
			qs: { ...list.qs, start, limit: pageSize },
			itemIndex: list.itemIndex,
		});
	const first = await fetchPage(0);
	const results = [...((first[itemsKey] as IDataObject[] | undefined) ?? [])];
	const wanted = list.limit ?? Number.POSITIVE_INFINITY;
	const total = first.pageInfo?.total;
	if (results.length >= wanted || first.pageInfo?.hasNext === false || results.length === 0) {
		return results.slice(0, wanted);
	}
	if (typeof total === 'number') {
		const end = Math.min(total, wanted);
		const starts: number[] = [];
		for (let start = pageSize; start < end; start += pageSize) starts.push(start);
		const pages = await mapBounded(starts, PARALLEL_REQUEST_LIMIT, fetchPage);
		for (const page of pages) results.push(...((page[itemsKey] as IDataObject[] | undefined) ?? []));
		return results.slice(0, wanted);
	}
	// Total unknown: walk page by page while the API says there is more.
	let page = first;
	while (page.pageInfo?.hasNext && results.length < wanted) {
		page = await fetchPage(results.length);
		const items = (page[itemsKey] as IDataObject[] | undefined) ?? [];
		if (items.length === 0) break;
		results.push(...items);
	}
	return results.slice(0, wanted);
}

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
