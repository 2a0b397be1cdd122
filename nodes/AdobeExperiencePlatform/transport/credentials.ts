import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { aepAuthHeaders, holdsCurrentToken } from './authHeaders';
import { CREDENTIAL_NAME } from './constants';
import { rememberSecrets } from './secrets';
import type { AepContext } from './types';

interface CredentialRead {
	credentials: ICredentialDataDecryptedObject;
	/** The auth headers every request of the run carries; none while no current token is held. */
	authHeaders?: Record<string, string>;
}

/**
 * The Adobe credential, read once per node run (per context) rather than once per request, and the
 * auth headers built from it once: n8n would decrypt the credential and evaluate its headers again
 * for every request. Read again only after n8n fetched or refreshed the token (`rereadAepCredentials`).
 */
const credentialReads = new WeakMap<object, Promise<CredentialRead>>();

function readCredential(ctx: AepContext): Promise<CredentialRead> {
	const read = ctx.getCredentials(CREDENTIAL_NAME).then((credentials) => {
		// What the credential sends is remembered, so that an answer echoing it is masked.
		rememberSecrets([credentials.clientSecret, credentials.accessToken]);
		return { credentials, authHeaders: holdsCurrentToken(credentials) ? aepAuthHeaders(credentials) : undefined };
	});
	credentialReads.set(ctx, read);
	read.catch(() => {
		if (credentialReads.get(ctx) === read) credentialReads.delete(ctx);
	});
	return read;
}

async function credentialRead(ctx: AepContext): Promise<CredentialRead> {
	return await (credentialReads.get(ctx) ?? readCredential(ctx));
}

export async function aepCredentials(ctx: AepContext): Promise<ICredentialDataDecryptedObject> {
	return (await credentialRead(ctx)).credentials;
}

/** The run's auth headers, or undefined when n8n has to fetch a token (none held, or obtained with other values). */
export async function aepAuthHeadersOfRun(ctx: AepContext): Promise<Record<string, string> | undefined> {
	return (await credentialRead(ctx)).authHeaders;
}

/** After n8n fetched or refreshed the token: the credential read again, the run's headers rebuilt. */
export async function rereadAepCredentials(ctx: AepContext): Promise<void> {
	await readCredential(ctx).then(
		() => undefined,
		// Unreadable now: the next request reads it again.
		() => undefined,
	);
}
