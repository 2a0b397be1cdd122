import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CREDENTIAL_NAME } from './constants';
import type { AepContext } from './types';

/**
 * The Adobe credential, read once per node run (per context) rather than once per request: the
 * base URL and the cache scopes come from it. The token itself is n8n's to add and refresh.
 */
const credentialReads = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

export async function aepCredentials(ctx: AepContext): Promise<ICredentialDataDecryptedObject> {
	let read = credentialReads.get(ctx);
	if (!read) {
		read = ctx.getCredentials(CREDENTIAL_NAME);
		credentialReads.set(ctx, read);
		read.catch(() => credentialReads.delete(ctx));
	}
	return await read;
}
