/**
 * The tokens this process got from IMS, by what they were obtained with (in memory only, never
 * logged). n8n keeps the token in the credential (in its database, shared by main and workers) but
 * saves it only after `preAuthentication` returns: executions that read the credential before that
 * save, or whose request was refused with a token another execution has already replaced, would
 * each ask IMS again. They get the token this process already holds instead.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { fetchImsToken, forgetImsTokenRequests } from './imsToken';

interface RememberedToken {
	accessToken: string;
	/** Epoch ms; 0 when IMS gave no lifetime (then the token is not handed out from memory). */
	expiresAt: number;
	fetchedAt: number;
	/** Fetched because a token was refused: callers refused with an older one may take it. */
	replacement: boolean;
}

const remembered = new Map<string, RememberedToken>();
const MAX_TOKENS_REMEMBERED = 100;
/** A remembered token is handed out only while it has this long left. */
const TOKEN_EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/**
 * How long a replacement is handed to callers refused with an older token: those refusals come from
 * the same expiry. A token fetched before the refusal may have been revoked with it: never reused then.
 */
const REPLACEMENT_REUSE_MS = 60 * 1000;

/** Forgets every token this process fetched (tests start each case from an empty process). */
export function forgetImsTokens(): void {
	remembered.clear();
	forgetImsTokenRequests();
}

function remember(key: string, token: RememberedToken): void {
	remembered.delete(key);
	remembered.set(key, token);
	for (const oldest of remembered.keys()) {
		if (remembered.size <= MAX_TOKENS_REMEMBERED) break;
		remembered.delete(oldest);
	}
}

/**
 * A token for these credential values: the one this process holds when the caller has none (or
 * holds one just refused that this process has already replaced), else a new one from IMS.
 * Concurrent fetches share one IMS request (`fetchImsToken`).
 */
export async function imsTokenFor(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	key: string,
): Promise<string> {
	const held = String(credentials.accessToken ?? '');
	const known = remembered.get(key);
	const now = Date.now();
	if (
		known &&
		known.accessToken !== held &&
		known.expiresAt - TOKEN_EXPIRY_MARGIN_MS > now &&
		(held === '' || (known.replacement && now - known.fetchedAt < REPLACEMENT_REUSE_MS))
	) {
		return known.accessToken;
	}
	const token = await fetchImsToken(helper, credentials);
	remember(key, {
		accessToken: token.accessToken,
		expiresAt: token.expiresIn ? now + token.expiresIn * 1000 : 0,
		fetchedAt: Date.now(),
		replacement: held !== '',
	});
	return token.accessToken;
}
