import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CREDENTIAL_NAME, FLOW_SERVICE_PATH } from './constants';
import { aepAuthHeadersOfRun, aepCredentials, rereadAepCredentials } from './credentials';
import { failureFromThrown, toNodeApiError } from './errors';
import { lowerCaseHeaders, readJsonBody } from './response';
import { isRetryable, maxRetries, retryDelay } from './retry';
import type { AepContext, AepRequest, AepResponse, Failure } from './types';
import { insecureUrlProblem, redirectTarget } from './urls';

export { setRetryPolicy } from './retry';

/** The credential's "Request Timeout (Seconds)" when it is left empty. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;

interface Connection {
	gateway?: string;
	timeoutMs: number;
	insecure?: string;
}

async function connection(ctx: AepContext): Promise<Connection> {
	const credentials = await aepCredentials(ctx);
	const seconds = Number(credentials.requestTimeoutSeconds);
	const timeoutMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
	const gateway = String(credentials.gatewayUrl || 'https://platform.adobe.io').trim().replace(/\/+$/, '');
	const insecure = insecureUrlProblem('Platform Gateway URL', gateway);
	return { gateway: insecure ? undefined : gateway, timeoutMs, insecure };
}

/**
 * The one way this package talks to Flow Service (and the other Platform services it uses): base
 * URL, JSON headers, the credential's auth headers built once per node run (n8n fetches and refreshes
 * the token), a timeout, no redirects, retries of reads, and errors that say what happened with
 * every secret masked.
 */
export async function aepRequest<T = IDataObject>(ctx: AepContext, request: AepRequest): Promise<AepResponse<T>> {
	const { gateway, timeoutMs, insecure } = await connection(ctx);
	if (!gateway) throw toNodeApiError(ctx, request, { insecure }, 0);
	const hasBody = request.body !== undefined && request.method !== 'GET';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${gateway}${request.otherService ? '' : FLOW_SERVICE_PATH}${request.path}`,
		qs: request.qs,
		headers: {
			Accept: 'application/json',
			...(hasBody ? { 'Content-Type': 'application/json' } : {}),
			...request.headers,
		},
		body: hasBody ? request.body : undefined,
		json: true,
		returnFullResponse: true,
		timeout: timeoutMs,
		// A redirect would carry the token and the body to wherever it points: none is followed.
		disableFollowRedirect: true,
		// 401 still throws so that n8n refreshes the token and repeats the call once; every other
		// status comes back to us with its headers, so errors keep AEP's message and request id.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		arrayFormat: 'repeat',
	};
	return await afterFirstRequest(ctx, async () => await send<T>(ctx, request, options));
}

/**
 * Without a token held, the first request of a node run goes alone: n8n fetches the token on the
 * first request that finds none, so parallel first requests (catalogue reads, pages) would each
 * fetch a token of their own. With a token held, nothing waits.
 */
const firstRequests = new WeakMap<object, Promise<void>>();

async function afterFirstRequest<R>(ctx: AepContext, send: () => Promise<R>): Promise<R> {
	if (await aepAuthHeadersOfRun(ctx)) return await send();
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

interface Outcome {
	response?: IN8nHttpFullResponse;
	thrown?: unknown;
}

async function outcomeOf(request: () => Promise<unknown>): Promise<Outcome> {
	try {
		return { response: (await request()) as IN8nHttpFullResponse };
	} catch (thrown) {
		return { thrown };
	}
}

/**
 * One attempt. With the run's headers, a plain request; without them (no current token), or when
 * they are refused (401), n8n's authenticated request, which fetches or refreshes the token and
 * stores it; the credential is then read again for the rest of the run.
 */
async function attempt(ctx: AepContext, options: IHttpRequestOptions): Promise<Outcome> {
	const authHeaders = await aepAuthHeadersOfRun(ctx);
	if (authHeaders) {
		const prebuilt = await outcomeOf(
			async () =>
				await ctx.helpers.httpRequest({
					...options,
					headers: { ...options.headers, ...authHeaders },
					// A 401 comes back here, to be sent again through n8n below.
					ignoreHttpStatusErrors: true,
					// What n8n's authenticated request adds: the execution's cancellation stops the request.
					...('getExecutionCancelSignal' in ctx ? { abortSignal: ctx.getExecutionCancelSignal() } : {}),
				}),
		);
		if (prebuilt.response?.statusCode !== 401) return prebuilt;
	}
	const withN8n = async (extra: Partial<IHttpRequestOptions>) =>
		await outcomeOf(
			async () =>
				await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, {
					...options,
					headers: { ...options.headers },
					...extra,
				}),
		);
	let outcome = await withN8n({});
	if (outcome.response?.statusCode === 401) {
		// n8n before 2.9 ignores `except` and hands the 401 back: sent again without ignoring
		// statuses, the 401 throws and n8n refreshes the token and repeats the call itself.
		// A 401 means AEP did nothing, so even a create may be sent again.
		outcome = await withN8n({ ignoreHttpStatusErrors: false });
	}
	// The token n8n fetched or refreshed is read (and remembered, to be masked) once, for the rest of the run.
	await rereadAepCredentials(ctx);
	return outcome;
}

async function send<T>(ctx: AepContext, request: AepRequest, options: IHttpRequestOptions): Promise<AepResponse<T>> {
	const idempotent = request.method === 'GET' || request.method === 'HEAD';
	const baseTimeout = options.timeout ?? DEFAULT_REQUEST_TIMEOUT_SECONDS * 1000;
	let timeouts = 0;
	for (let retries = 0; ; retries++) {
		const timeout = request.deadline ? Math.max(1000, Math.min(baseTimeout, request.deadline - Date.now())) : baseTimeout;
		const { response, thrown } = await attempt(ctx, { ...options, timeout });

		let failure: Failure;
		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			// 202 (accepted) and 204 (no content) may come without a body; 200 and 201 carry the record.
			const emptyOk = request.emptyAnswerOk || request.method === 'DELETE' || [202, 204].includes(response.statusCode);
			const body = readJsonBody(response.body, emptyOk);
			if (body.ok) {
				return { body: body.value as T, headers: lowerCaseHeaders(response.headers), statusCode: response.statusCode };
			}
			failure = { statusCode: response.statusCode, headers: lowerCaseHeaders(response.headers), body: body.raw, unreadable: true };
		} else if (response) {
			const headers = lowerCaseHeaders(response.headers);
			failure = { statusCode: response.statusCode, headers, body: readJsonBody(response.body, true).value };
			if (response.statusCode >= 300 && response.statusCode < 400) {
				failure.redirectTo = redirectTarget(headers.location, String(options.url));
			}
		} else {
			failure = failureFromThrown(thrown, String(options.url));
		}

		const delay = retryDelay(retries, failure.headers?.['retry-after']);
		const inTime = !request.deadline || Date.now() + delay < request.deadline;
		// A silent server is asked twice at most: each attempt may last the whole timeout.
		if (isTimeout(failure) && ++timeouts >= 2) throw toNodeApiError(ctx, request, failure, retries, baseTimeout / 1000);
		if (failure.statusCode === 429) throttled.set(ctx, throttledAnswers(ctx) + 1);
		if (isRetryable(failure, idempotent) && retries < maxRetries() && inTime) {
			await sleep(delay);
			continue;
		}
		throw toNodeApiError(ctx, request, failure, retries, baseTimeout / 1000);
	}
}

function isTimeout(failure: Failure): boolean {
	return failure.networkCode === 'ECONNABORTED' || failure.networkCode === 'ETIMEDOUT' || /timeout/i.test(failure.message ?? '');
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
