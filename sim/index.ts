/**
 * A local, stateful simulation of Adobe IMS and Flow Service (destinations) for development and
 * tests. Not part of the published package.
 *
 *   const sim = await startSimulation({ clientId: 'id', clientSecret: 'secret' });
 *   // credential: imsTokenUrl = sim.imsTokenUrl, gatewayUrl = sim.gatewayUrl
 *   sim.faults.throttle({ count: 2 });
 *   await sim.close();
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import type { AdhocConfig } from './adhoc';
import { handleAdmin } from './admin';
import { BLOB_PREFIX, blobAnswer } from './landingZone';
import { handlePlatformService, isPlatformPath } from './platform';
import { Catalogue } from './catalogue';
import { SimHttpError, contentTypeError, flowServiceError, gatewayError, problem } from './errors';
import { FaultSwitches } from './faults';
import type { FlowServiceConfig, SimAnswer } from './flow-service';
import { handleFlowService } from './flow-service';
import type { Caller, GatewayConfig } from './gateway';
import { checkGatewayHeaders, issueToken } from './gateway';
import type { NewRun, RunSettling, RunStatus } from './runs';
import { addRun } from './runs';
import type { RequestLogEntry } from './store';
import { SimulationState } from './store';

export { FaultSwitches } from './faults';
export { SimulationState } from './store';
export type { RequestLogEntry } from './store';
export type { NewRun, RunSettling, RunStatus } from './runs';

export const FLOW_SERVICE_BASE = '/data/foundation/flowservice';
export const IMS_TOKEN_PATH = '/ims/token/v3';

export interface SimulationOptions {
	/** 0 (default) picks a free port. The server listens on 127.0.0.1 only. */
	port?: number;
	clientId: string;
	clientSecret: string;
	/** When set, `x-gw-ims-org-id` must be exactly this. */
	organizationId?: string;
	/** `expires_in` of issued tokens (default 86399, as IMS). */
	tokenLifetimeSeconds?: number;
	/** Where the catalogue fixtures live (default the top-level fixtures/ of this repository). */
	fixturesDir?: string;
	/** Eligible datasets per sandbox, the examples' datasets first (default 149, as seed 000's total). */
	datasetCount?: number;
	/** Runs every new flow starts with, oldest first (default success, failed, partialSuccess, inProgress). */
	initialRuns?: RunStatus[];
	/** How in-progress runs finish (default: success after 2 reads). */
	runSettling?: RunSettling;
	/** PATCH answer: `spec` 200 `{id, etag}` (default) or `seed` 202 without body. */
	patchResponse?: 'spec' | 'seed';
	/** Continuation page size when no `limit` is sent (default 100). */
	defaultPageSize?: number;
	/** Time source in ms (tests pin it). */
	clock?: () => number;
	/** Ad hoc ("export now") behaviour: not-ready time of new dataset dataflows, dataset exports enabled. */
	adhoc?: Partial<AdhocConfig>;
}

export interface Simulation {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** For the credential's "IMS Token URL". */
	imsTokenUrl: string;
	/** For the credential's "Platform Gateway URL" (Flow Service lives below it). */
	gatewayUrl: string;
	/** `gatewayUrl` + `/data/foundation/flowservice`. */
	flowServiceUrl: string;
	state: SimulationState;
	faults: FaultSwitches;
	/** Adds a run to a flow (any sandbox); the programmatic twin of `POST /__sim/flows/{id}/runs`. */
	addRun(flowId: string, run: NewRun): Record<string, unknown>;
	close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const JSON_CONTENT_TYPE = /^application\/(json|json-patch\+json)\b/i;

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new SimHttpError(413, { message: 'Request body too large' }));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
	const result: Record<string, string | string[]> = {};
	for (const key of new Set(query.keys())) {
		const values = query.getAll(key);
		result[key] = values.length === 1 ? values[0] : values;
	}
	return result;
}

function send(response: ServerResponse, answer: SimAnswer): void {
	const headers: Record<string, string> = { ...answer.headers };
	if (answer.body === undefined || answer.status === 204) {
		response.writeHead(answer.status, headers);
		response.end();
		return;
	}
	const text = JSON.stringify(answer.body);
	headers['content-type'] ??= 'application/json;charset=utf-8';
	headers['content-length'] = String(Buffer.byteLength(text));
	response.writeHead(answer.status, headers);
	response.end(text);
}

function fromError(error: unknown): SimAnswer {
	if (error instanceof SimHttpError) return { status: error.status, body: error.body, headers: error.headers };
	return { status: 500, body: { errorMessage: 'Internal simulation error', errorDetails: (error as Error)?.message ?? String(error) } };
}

export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
	if (!options.clientId || !options.clientSecret) throw new Error('startSimulation needs clientId and clientSecret');
	const catalogue = Catalogue.load(options.fixturesDir, options.datasetCount);
	const state = new SimulationState(catalogue, options.clock);
	const faults = new FaultSwitches();
	const gateway: GatewayConfig = {
		clientId: options.clientId,
		clientSecret: options.clientSecret,
		organizationId: options.organizationId,
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86399,
	};
	const runSettling: RunSettling = options.runSettling ?? { afterReads: 2, finalStatus: 'success' };
	const config: FlowServiceConfig = {
		initialRuns: options.initialRuns ?? ['success', 'failed', 'partialSuccess', 'inProgress'],
		runSettling,
		patchResponse: options.patchResponse ?? 'spec',
		defaultPageSize: options.defaultPageSize ?? 100,
	};
	const adhoc: AdhocConfig = { datasetReadyAfterMs: 0, datasetsEnabled: true, ...options.adhoc };

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const requestId = randomUUID();
		response.setHeader('x-request-id', requestId);
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const method = (request.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		let rawBody: string;
		try {
			rawBody = await readBody(request);
		} catch (error) {
			send(response, fromError(error));
			return;
		}

		if (path.startsWith(BLOB_PREFIX)) {
			// The landing zone's storage: no AEP headers, the SAS token in the query.
			const blob = blobAnswer(path, url.searchParams, state.now());
			state.requests.push({ time: state.now(), requestId, method, path, query: {}, status: blob.status });
			response.writeHead(blob.status, { ...blob.headers, 'content-length': String(blob.body.length) });
			response.end(blob.body);
			return;
		}

		if (path.startsWith('/__sim/')) {
			let body: unknown;
			try {
				body = rawBody ? JSON.parse(rawBody) : undefined;
			} catch {
				send(response, { status: 400, body: { message: 'body is not valid JSON' } });
				return;
			}
			const sandboxHeader = request.headers['x-sandbox-name'];
			send(response, handleAdmin({ state, faults, runSettling }, method, path, body, Array.isArray(sandboxHeader) ? sandboxHeader[0] : sandboxHeader));
			return;
		}

		const isIms = path === IMS_TOKEN_PATH;
		const entry: RequestLogEntry = {
			time: state.now(),
			requestId,
			method,
			path,
			// The token endpoint's query could carry a secret by mistake: it is never recorded.
			query: isIms ? {} : queryObject(url.searchParams),
			status: 0,
		};
		if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));

		let answer: SimAnswer;
		let caller: Caller | undefined;
		try {
			if (isIms) {
				if (method !== 'POST') throw new SimHttpError(405, { error: 'invalid_request', error_description: 'use POST' });
				answer = { status: 200, body: issueToken(state, faults, gateway, request.headers['content-type'], url.searchParams, rawBody) };
			} else if (path === FLOW_SERVICE_BASE || path.startsWith(`${FLOW_SERVICE_BASE}/`)) {
				const servicePath = path.slice(FLOW_SERVICE_BASE.length) || '/';
				const fault = faults.take(method, servicePath);
				if (fault?.kind === 'reset') {
					entry.status = 'connection reset';
					state.requests.push(entry);
					request.socket.destroy();
					return;
				}
				if (fault?.kind === 'throttle') {
					throw gatewayError(429, '429050', 'Too many requests', { 'retry-after': String(fault.retryAfterSeconds) });
				}
				if (fault?.kind === 'serverError') {
					throw fault.status === 500
						? flowServiceError(500, 'Internal Server Error')
						: gatewayError(fault.status, `${fault.status}000`, fault.status === 502 ? 'Bad Gateway' : fault.status === 503 ? 'Service Unavailable' : 'Gateway Timeout');
				}
				caller = checkGatewayHeaders(state, faults, gateway, request.headers);
				entry.sandbox = caller.sandboxName;
				const hasBody = rawBody.length > 0;
				if (hasBody && ['POST', 'PUT', 'PATCH'].includes(method) && !JSON_CONTENT_TYPE.test(request.headers['content-type'] ?? '')) {
					throw contentTypeError();
				}
				let body: unknown;
				if (hasBody) {
					try {
						body = JSON.parse(rawBody);
					} catch (error) {
						const store = state.sandbox(caller.sandboxName);
						throw problem(400, 'FLOW-1103-400', 'Bad Request', `The request body is not valid JSON: ${(error as Error).message}`, {
							sandboxName: store.name,
							sandboxId: store.id,
							imsOrgId: caller.imsOrgId,
						});
					}
				}
				answer = handleFlowService(state, config, { method, path: servicePath, query: url.searchParams, headers: request.headers, body, caller });
			} else if (isPlatformPath(path)) {
				const authenticate = () => (caller = checkGatewayHeaders(state, faults, gateway, request.headers));
				answer = handlePlatformService({ state, adhoc, runSettling, method, path, query: url.searchParams, headers: request.headers, rawBody, authenticate });
				entry.sandbox = caller?.sandboxName;
			} else {
				answer = { status: 404, body: { message: `Nothing is simulated at ${path}` } };
			}
		} catch (error) {
			answer = fromError(error);
		}
		entry.status = answer.status;
		state.requests.push(entry);
		send(response, answer);
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			if (!response.headersSent) send(response, fromError(error));
			else response.destroy();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		imsTokenUrl: `${url}${IMS_TOKEN_PATH}`,
		gatewayUrl: url,
		flowServiceUrl: `${url}${FLOW_SERVICE_BASE}`,
		state,
		faults,
		addRun(flowId, run) {
			const found = state.findFlow(flowId);
			if (!found) throw new Error(`no flow ${flowId} in any sandbox`);
			return addRun(state, found.store, found.flow, run, runSettling).run;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
