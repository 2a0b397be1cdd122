import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CREDENTIAL_NAME, FLOW_SERVICE_PATH } from './constants';
import { aepCredentials } from './credentials';
import { failureFromThrown, toNodeApiError } from './errors';
import { lowerCaseHeaders, parseBody } from './response';
import type { AepContext, AepRequest, AepResponse } from './types';

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
async function baseUrl(ctx: AepContext): Promise<string> {
	const credentials = await aepCredentials(ctx);
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
 * Without a token held, the first request of a node run goes alone: n8n fetches the token on the
 * first request that finds none, so parallel first requests (catalogue reads, pages) would each
 * fetch a token of their own. With a token held, nothing waits.
 */
const firstRequests = new WeakMap<object, Promise<void>>();

async function afterFirstRequest<R>(ctx: AepContext, send: () => Promise<R>): Promise<R> {
	if (String((await aepCredentials(ctx)).accessToken ?? '') !== '') return await send();
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
		if (failure.statusCode === 429) throttled.set(ctx, throttledAnswers(ctx) + 1);
		if (retryable && attempt < retryPolicy.maxRetries) {
			await sleep(retryDelay(attempt, failure.headers?.['retry-after']));
			continue;
		}
		throw toNodeApiError(ctx, request, failure, thrown, attempt);
	}
}

/** 429 answers this node run has had, so that parallel paging can slow down. */
const throttled = new WeakMap<object, number>();

export function throttledAnswers(ctx: AepContext): number {
	return throttled.get(ctx) ?? 0;
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
