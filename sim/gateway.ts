/**
 * What Adobe's edge does before Flow Service sees a call: the IMS token endpoint, and the checks of
 * the four headers (token, API key, organization, sandbox) with the gateway's own error codes.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';

import { gatewayError, imsError } from './errors';
import type { FaultSwitches } from './faults';
import type { SimulationState } from './store';

export interface GatewayConfig {
	clientId: string;
	clientSecret: string;
	/** When set, only this organization is accepted in `x-gw-ims-org-id`. */
	organizationId?: string;
	tokenLifetimeSeconds: number;
}

export interface Caller {
	clientId: string;
	imsOrgId: string;
	sandboxName: string;
}

/** `POST /ims/token/v3` with a form body: answers a bearer token or IMS's `{error, error_description}`. */
export function issueToken(
	state: SimulationState,
	faults: FaultSwitches,
	config: GatewayConfig,
	contentType: string | undefined,
	query: URLSearchParams,
	rawBody: string,
) {
	if (query.has('client_secret')) {
		// IMS takes the secret in the body; the simulation refuses it in the URL, where logs keep it.
		throw imsError(400, 'invalid_request', 'client_secret must be sent in the form body, not in the URL');
	}
	if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
		throw imsError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
	}
	const form = new URLSearchParams(rawBody);
	if (form.get('grant_type') !== 'client_credentials') {
		throw imsError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
	}
	if (form.get('client_id') !== config.clientId) {
		throw imsError(400, 'invalid_client', 'invalid client_id parameter');
	}
	if (form.get('client_secret') !== config.clientSecret) {
		throw imsError(400, 'invalid_client', 'invalid client_secret parameter');
	}
	if (!form.get('scope')) throw imsError(400, 'invalid_scope', 'scope parameter is required');
	const token = `eyJsim.${randomBytes(24).toString('base64url')}`;
	state.tokens.set(token, {
		clientId: config.clientId,
		generation: faults.tokenGeneration,
		expiresAt: state.now() + config.tokenLifetimeSeconds * 1000,
	});
	return { access_token: token, token_type: 'bearer', expires_in: config.tokenLifetimeSeconds };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined || text.trim() === '' ? undefined : text.trim();
}

/** The gateway's checks, in its order; answers who is calling and in which sandbox. */
export function checkGatewayHeaders(
	state: SimulationState,
	faults: FaultSwitches,
	config: GatewayConfig,
	headers: IncomingHttpHeaders,
): Caller {
	const authorization = header(headers, 'authorization');
	if (!authorization) throw gatewayError(403, '403010', 'Oauth token is missing.');
	const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
	const record = token ? state.tokens.get(token) : undefined;
	if (!record || record.generation !== faults.tokenGeneration || record.expiresAt <= state.now()) {
		throw gatewayError(401, '401013', 'Oauth token is not valid');
	}
	const apiKey = header(headers, 'x-api-key');
	if (!apiKey) throw gatewayError(403, '403000', 'Api Key is required');
	if (apiKey !== record.clientId) throw gatewayError(403, '403003', 'Api Key is invalid');
	const imsOrgId = header(headers, 'x-gw-ims-org-id');
	if (!imsOrgId) throw gatewayError(400, '400003', 'Missing header');
	if (!imsOrgId.endsWith('@AdobeOrg')) throw gatewayError(403, '403027', 'User region is missing');
	if (config.organizationId && imsOrgId !== config.organizationId) {
		throw gatewayError(403, '403025', 'Profile is not valid');
	}
	// Like AEP, a call without a sandbox header silently runs in "prod".
	const sandboxName = header(headers, 'x-sandbox-name') ?? 'prod';
	return { clientId: record.clientId, imsOrgId, sandboxName };
}
