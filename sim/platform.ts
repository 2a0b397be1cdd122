/**
 * The Platform services beside Flow Service that the day-two operations call, on the same gateway:
 * ad hoc activation ("export now"), Segmentation audiences and the Data Landing Zone credentials.
 * Undefined for any other path, which the caller answers 404.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { ADHOC_RUN_PATH, handleAdhocRun } from './adhoc';
import type { AdhocConfig } from './adhoc';
import { AUDIENCES_PATH, listAudiences } from './audiences';
import { SimHttpError, contentTypeError } from './errors';
import type { Caller } from './gateway';
import { LANDING_ZONE_CREDENTIALS_PATH, landingZoneCredentials } from './landingZone';
import type { RunSettling } from './runs';
import type { SimulationState } from './store';

const JSON_CONTENT_TYPE = /^application\/(json|json-patch\+json)\b/i;

export interface PlatformCall {
	state: SimulationState;
	adhoc: AdhocConfig;
	runSettling: RunSettling;
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** Checks the gateway headers (token, API key, organization, sandbox) and names the caller. */
	authenticate: () => Caller;
}

export function isPlatformPath(path: string): boolean {
	return path === ADHOC_RUN_PATH || path === AUDIENCES_PATH || path === LANDING_ZONE_CREDENTIALS_PATH;
}

export function handlePlatformService(call: PlatformCall): { status: number; body?: unknown } {
	const caller = call.authenticate();
	const store = call.state.sandbox(caller.sandboxName);
	const gatewayUrl = `http://${call.headers.host ?? '127.0.0.1'}`;
	if (call.path === LANDING_ZONE_CREDENTIALS_PATH && call.method === 'GET') return landingZoneCredentials(store, call.query, gatewayUrl);
	if (call.path === AUDIENCES_PATH && call.method === 'GET') return listAudiences(call.query, caller.sandboxName);
	if (call.path === ADHOC_RUN_PATH && call.method === 'POST') {
		if (!JSON_CONTENT_TYPE.test(call.headers['content-type'] ?? '')) throw contentTypeError();
		let body: unknown;
		try {
			body = JSON.parse(call.rawBody);
		} catch {
			throw new SimHttpError(400, { message: 'The request body is not valid JSON' });
		}
		return handleAdhocRun({ state: call.state, store, config: call.adhoc, runSettling: call.runSettling, headers: call.headers, body, gatewayUrl });
	}
	throw new SimHttpError(405, { message: `Method ${call.method} is not allowed on ${call.path}` });
}
