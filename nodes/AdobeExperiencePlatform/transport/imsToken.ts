/**
 * The IMS token request of the Adobe credential ("OAuth Server-to-Server credential implementation
 * guide"): form-encoded client credentials, https only, no redirects, a timeout, retried on 429 and
 * 5xx, shared by concurrent callers, and refusals reported in IMS's words with every secret masked.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { lowerCaseHeaders, readJsonBody } from './response';
import { retryDelay } from './retry';
import { redactText, rememberSecrets } from './secrets';
import { insecureUrlProblem, redirectTarget } from './urls';

export const DEFAULT_IMS_TOKEN_URL = 'https://ims-na1.adobelogin.com/ims/token/v3';
export const DEFAULT_SCOPES = 'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session';
const MAX_TOKEN_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_SECONDS = 60;

interface ImsTokenResponse {
	access_token?: unknown;
	expires_in?: unknown;
	error?: string;
	error_description?: string;
}

export interface ImsToken {
	accessToken: string;
	/** Seconds the token lives, as IMS said (`expires_in`). */
	expiresIn?: number;
}

/**
 * One token request per credential at a time in this process: n8n runs preAuthentication for
 * every request that finds no token, so concurrent first requests (and concurrent executions on a
 * cold credential) join the fetch already under way.
 */
const inFlight = new Map<string, Promise<ImsToken>>();

/** Forgets the token requests under way (tests start each case from an empty process). */
export function forgetImsTokenRequests(): void {
	inFlight.clear();
}

export async function fetchImsToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<ImsToken> {
	const form = {
		grant_type: 'client_credentials',
		client_id: String(credentials.clientId ?? '').trim(),
		client_secret: String(credentials.clientSecret ?? '').trim(),
		scope: String(credentials.scopes || DEFAULT_SCOPES).replace(/\s+/g, ''),
	};
	rememberSecrets([form.client_secret, credentials.clientSecret, credentials.accessToken]);
	const url = String(credentials.imsTokenUrl || DEFAULT_IMS_TOKEN_URL).trim();
	const insecure = insecureUrlProblem('IMS Token URL', url);
	if (insecure) throw new Error(insecure);
	const gatewayProblem = insecureUrlProblem('Platform Gateway URL', String(credentials.gatewayUrl || 'https://platform.adobe.io').trim());
	if (gatewayProblem) throw new Error(gatewayProblem);

	const key = [url, form.client_id, form.client_secret, form.scope].join('\u0000');
	const pending = inFlight.get(key);
	if (pending) return await pending;
	const seconds = Number(credentials.requestTimeoutSeconds);
	const timeout = (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
	const fetching = requestToken(helper, url, new URLSearchParams(form).toString(), timeout);
	inFlight.set(key, fetching);
	try {
		const token = await fetching;
		rememberSecrets([token.accessToken]);
		return token;
	} finally {
		inFlight.delete(key);
	}
}

async function requestToken(helper: IHttpRequestHelper, url: string, body: string, timeout: number): Promise<ImsToken> {
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		let networkProblem: string | undefined;
		try {
			response = (await helper.helpers.httpRequest({
				method: 'POST',
				url,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				// The secret travels only in the form body, never in the URL.
				body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// A redirect would carry the client secret to wherever it points.
				disableFollowRedirect: true,
				timeout,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const e = error as { code?: string; message?: string; cause?: { code?: string } };
			networkProblem = e.cause?.code ?? e.code ?? e.message ?? 'network error';
		}
		const status = response?.statusCode;
		const retryable = networkProblem !== undefined || status === 429 || (status !== undefined && status >= 500);
		if (retryable && attempt < MAX_TOKEN_ATTEMPTS) {
			await sleep(retryDelay(attempt - 1, lowerCaseHeaders(response?.headers)['retry-after']));
			continue;
		}
		if (networkProblem !== undefined || !response) {
			throw new Error(
				redactText(`Could not reach Adobe IMS at ${new URL(url).host} (${networkProblem}); check the IMS Token URL in the credential`),
			);
		}
		return readTokenAnswer(response, url);
	}
}

function readTokenAnswer(response: IN8nHttpFullResponse, url: string): ImsToken {
	const status = response.statusCode;
	if (status >= 300 && status < 400) {
		const target = redirectTarget(lowerCaseHeaders(response.headers).location, url);
		throw new Error(
			`Adobe IMS answered the token request with a redirect (HTTP ${status}) to ${target}, which was not followed because the client secret would go with it. Check the IMS Token URL in the credential.`,
		);
	}
	const read = readJsonBody(response.body, false);
	const body = (read.ok ? read.value : undefined) as ImsTokenResponse | undefined;
	if (status >= 400) {
		const reason = body?.error_description ?? body?.error ?? `HTTP ${status}`;
		// Only IMS's own words and the error code, masked: IMS may echo the form with the secret.
		throw new Error(
			redactText(`Adobe IMS refused the token request: ${reason}${body?.error ? ` (${body.error})` : ''}`),
		);
	}
	if (!body || typeof body.access_token !== 'string' || body.access_token.trim() === '') {
		throw new Error(
			`Adobe IMS answered the token request with HTTP ${status} but the answer could not be read: ${read.ok ? 'it holds no access_token' : 'it is not JSON'}`,
		);
	}
	const expiresIn = Number(body.expires_in);
	return { accessToken: body.access_token.trim(), expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined };
}
