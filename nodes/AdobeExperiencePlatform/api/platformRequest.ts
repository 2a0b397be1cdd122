/**
 * Requests to Platform services other than Flow Service (ad hoc activation), on the same gateway
 * and with the same credential. Errors are mapped as Flow Service's are, so the user sees AEP's
 * message, error code, status and request id. Only a 429 (the gateway refused, nothing happened)
 * is retried: these calls start exports and are not idempotent.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AepContext, AepResponse } from '../transport';
import { CREDENTIAL_NAME } from '../transport';
import { failureFromThrown, toNodeApiError } from '../transport/errors';
import { lowerCaseHeaders, parseBody } from '../transport/response';
import type { Failure } from '../transport/types';
import { redirectTarget } from '../transport/urls';

export interface PlatformRequest {
	method: IHttpRequestMethods;
	/** Path below the gateway, e.g. `/data/core/activation/disflowprovider/adhocrun`. */
	path: string;
	body?: IDataObject;
	headers?: Record<string, string>;
	itemIndex?: number;
}

const REQUEST_TIMEOUT_MS = 60_000;
const MAX_THROTTLE_RETRIES = 3;
const MAX_THROTTLE_WAIT_MS = 30_000;

export async function platformRequest<T = IDataObject>(ctx: AepContext, request: PlatformRequest): Promise<AepResponse<T>> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const gateway = String(credentials.gatewayUrl || 'https://platform.adobe.io').replace(/\/+$/, '');
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${gateway}${request.path}`,
		headers: {
			Accept: 'application/json',
			...(request.body ? { 'Content-Type': 'application/json' } : {}),
			...request.headers,
		},
		body: request.body,
		json: true,
		returnFullResponse: true,
		timeout: REQUEST_TIMEOUT_MS,
		// A redirect would carry the token and the body to wherever it points: none is followed.
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		let thrown: unknown;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, {
				...options,
				headers: { ...options.headers },
			})) as IN8nHttpFullResponse;
		} catch (error) {
			thrown = error;
		}
		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			return {
				body: parseBody(response.body) as T,
				headers: lowerCaseHeaders(response.headers),
				statusCode: response.statusCode,
			};
		}
		const url = String(options.url);
		const failure: Failure = response
			? { statusCode: response.statusCode, headers: lowerCaseHeaders(response.headers), body: parseBody(response.body) }
			: failureFromThrown(thrown, url);
		if (response && response.statusCode >= 300 && response.statusCode < 400) {
			failure.redirectTo = redirectTarget(failure.headers?.location, url);
		}
		if (failure.statusCode === 429 && attempt < MAX_THROTTLE_RETRIES) {
			const seconds = Number(failure.headers?.['retry-after']);
			await sleep(Math.min(Number.isFinite(seconds) ? seconds * 1000 : 1000 * 2 ** attempt, MAX_THROTTLE_WAIT_MS));
			continue;
		}
		throw toNodeApiError(ctx, { ...request, path: request.path }, failure, attempt, REQUEST_TIMEOUT_MS / 1000);
	}
}
