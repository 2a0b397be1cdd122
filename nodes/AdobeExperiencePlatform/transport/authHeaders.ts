/**
 * The four headers every Platform API call carries ("Authenticate and access Experience Platform
 * APIs"), derived from the Adobe credential in one place: the credential's `authenticate` (what n8n
 * adds to a request and to the credential test) and the transport's headers built once per node run
 * are both this function.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createHash } from 'node:crypto';

import { DEFAULT_IMS_TOKEN_URL, DEFAULT_SCOPES } from './imsToken';

/** Sent instead of a token obtained with other values than the form holds now: AEP answers 401. */
export const CHANGED_CREDENTIAL_PLACEHOLDER = 'Bearer token-for-changed-credential-values';

/**
 * What a token was obtained with (IMS URL, client ID, secret, scopes), as a SHA-256 digest:
 * compared with the form's current values, so a token fetched with values since changed is never sent.
 */
export function tokenFingerprint(credentials: ICredentialDataDecryptedObject): string {
	const values = [
		String(credentials.imsTokenUrl || DEFAULT_IMS_TOKEN_URL),
		String(credentials.clientId ?? '').trim(),
		String(credentials.clientSecret ?? ''),
		String(credentials.scopes || DEFAULT_SCOPES).replace(/\s+/g, ''),
	];
	return createHash('sha256').update(values.join('\n'), 'utf8').digest('hex');
}

/** Whether the credential holds a token obtained with the values it holds now. */
export function holdsCurrentToken(credentials: ICredentialDataDecryptedObject): boolean {
	return String(credentials.accessToken ?? '') !== '' && credentials.tokenFor === tokenFingerprint(credentials);
}

/** Authorization, API key, organization (with `@AdobeOrg` added when left out) and sandbox. */
export function aepAuthHeaders(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const organizationId = String(credentials.organizationId ?? '').trim();
	return {
		Authorization: holdsCurrentToken(credentials)
			? `Bearer ${String(credentials.accessToken)}`
			: CHANGED_CREDENTIAL_PLACEHOLDER,
		'x-api-key': String(credentials.clientId ?? '').trim(),
		'x-gw-ims-org-id': organizationId.endsWith('@AdobeOrg') ? organizationId : `${organizationId}@AdobeOrg`,
		'x-sandbox-name': String(credentials.sandboxName ?? '').trim(),
	};
}
