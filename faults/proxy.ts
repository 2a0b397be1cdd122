/**
 * A fault-injecting HTTP proxy in front of the simulation (Flow Service and IMS). It listens on
 * 127.0.0.1 only, forwards only to a loopback upstream and is bounded (fault budget, request budget).
 * Redirects point at the thief (thief.ts).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';

import type { Upstream } from './http';
import { assertLoopback, json, listen, readBody } from './http';

import type { FaultKind, FaultPlan, RequestFacts } from './plan';
import { prng, routeOf } from './plan';

export interface ProxyLogEntry {
	run: string;
	method: string;
	path: string;
	fault?: FaultKind;
	/** What the client was answered (a status, or what happened to the connection). */
	outcome: number | 'reset' | 'silent' | 'over budget';
	/** Whether the upstream saw (and so may have acted on) the request. */
	forwarded: boolean;
}

export interface ProxyOptions {
	/** Loopback origin of the upstream, e.g. `http://127.0.0.1:1234`. */
	upstream: string;
	plan: FaultPlan;
	/** Paths served by IMS (token endpoint). */
	imsPaths: string[];
	/** Where redirects point (the thief's origin). */
	redirectTo: string;
	/** Most faults injected over the proxy's life; past it, requests pass untouched. */
	maxFaults: number;
	/** Most requests per run label; past it, the proxy answers 503 and logs "over budget". */
	maxRequestsPerRun: number;
	seed: number;
	/** Slow answers wait between these bounds (ms), below any sane timeout. */
	slowMs?: [number, number];
}

export class FaultProxy {
	url = '';
	readonly log: ProxyLogEntry[] = [];
	readonly faultCounts = new Map<FaultKind, number>();
	faultsInjected = 0;
	private run = 'setup';
	private occurrences = new Map<string, number>();
	private requestsThisRun = 0;
	private readonly held = new Set<Socket>();
	private readonly server: Server;
	private readonly upstream: URL;
	private readonly random: () => number;

	constructor(private readonly options: ProxyOptions) {
		this.upstream = assertLoopback(options.upstream);
		assertLoopback(options.redirectTo);
		this.random = prng(options.seed);
		this.server = createServer((request, response) => {
			this.handle(request, response).catch(() => {
				if (!response.headersSent) json(response, 500, { message: 'fault proxy failure' });
				else response.destroy();
			});
		});
	}

	async start(): Promise<this> {
		this.url = await listen(this.server);
		return this;
	}

	/** Labels the following requests (faults and budgets are counted per label). */
	beginRun(label: string): void {
		this.run = label;
		this.occurrences.clear();
		this.requestsThisRun = 0;
	}

	/** Faults injected during one run label. */
	faultsOf(label: string): ProxyLogEntry[] {
		return this.log.filter((entry) => entry.run === label && entry.fault);
	}

	/** Ends every silent connection (the client sees a reset), e.g. once a run passed its bound. */
	releaseSilent(): number {
		const count = this.held.size;
		for (const socket of this.held) socket.destroy();
		this.held.clear();
		return count;
	}

	async close(): Promise<void> {
		this.releaseSilent();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const body = await readBody(request);
		const method = (request.method ?? 'GET').toUpperCase();
		const url = new URL(request.url ?? '/', 'http://proxy');
		const entry: ProxyLogEntry = { run: this.run, method, path: url.pathname, outcome: 0, forwarded: false };
		this.log.push(entry);
		if (++this.requestsThisRun > this.options.maxRequestsPerRun) {
			entry.outcome = 'over budget';
			json(response, 503, { message: 'fault proxy: request budget of this run exhausted' });
			return;
		}
		const route = routeOf(url.pathname);
		const key = `${method} ${route}`;
		const occurrence = this.occurrences.get(key) ?? 0;
		this.occurrences.set(key, occurrence + 1);
		const facts: RequestFacts = {
			run: this.run,
			method,
			route,
			isIms: this.options.imsPaths.includes(url.pathname),
			hasBody: body.length > 0,
			occurrence,
		};
		const fault = this.faultsInjected < this.options.maxFaults ? this.options.plan.decide(facts) : undefined;
		if (fault) {
			entry.fault = fault;
			this.faultsInjected++;
			this.faultCounts.set(fault, (this.faultCounts.get(fault) ?? 0) + 1);
		}
		await this.answer(fault, request, response, body, entry);
	}

	private pick<T>(values: T[]): T {
		return values[Math.floor(this.random() * values.length)];
	}

	private async answer(
		fault: FaultKind | undefined,
		request: IncomingMessage,
		response: ServerResponse,
		body: Buffer,
		entry: ProxyLogEntry,
	): Promise<void> {
		const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
			entry.outcome = status;
			json(response, status, payload, headers);
		};
		const forward = async () => {
			entry.forwarded = true;
			return await this.forward(request, body);
		};
		const relay = (upstream: Upstream) => {
			entry.outcome = upstream.status;
			response.writeHead(upstream.status, { ...upstream.headers, 'content-length': String(upstream.body.length) });
			response.end(upstream.body);
		};
		const garbage = async (text: string, contentType: string, status?: number) => {
			const upstream = await forward();
			entry.outcome = status ?? (upstream.status < 300 ? upstream.status : 200);
			response.writeHead(entry.outcome, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) });
			response.end(text);
		};
		const redirect = (status: number) =>
			reply(status, { message: 'moved' }, { location: `${this.options.redirectTo}${request.url ?? '/'}` });
		const reset = () => {
			entry.outcome = 'reset';
			request.socket.destroy();
		};

		switch (fault) {
			case undefined:
				return relay(await forward());
			case 'throttle-429-retry-after':
				return reply(429, { error_code: '429050', message: 'Too many requests' }, { 'retry-after': '1' });
			case 'throttle-429-no-retry-after':
				return reply(429, { error_code: '429050', message: 'Too many requests' });
			case 'error-500-before':
				return reply(500, { errorMessage: 'Internal Server Error', errorDetails: 'injected before the server acted' });
			case 'error-502-before':
			case 'error-503-before':
			case 'error-504-before': {
				const status = Number(fault.slice(6, 9));
				return reply(status, { error_code: `${status}000`, message: `Gateway answered ${status}` });
			}
			case 'error-5xx-after-acted': {
				await forward();
				const status = this.pick([500, 502, 503, 504]);
				return reply(status, { error_code: `${status}000`, message: `Gateway answered ${status}` });
			}
			case 'reset-before-answer':
				return reset();
			case 'reset-mid-response': {
				const upstream = await forward();
				entry.outcome = 'reset';
				response.writeHead(upstream.status, { ...upstream.headers, 'content-length': String(Math.max(upstream.body.length, 2)) });
				response.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)));
				// Let the headers and the half body reach the client before the connection dies.
				setTimeout(() => request.socket.destroy(), 20);
				return;
			}
			case 'slow-answer': {
				const [low, high] = this.options.slowMs ?? [200, 900];
				await new Promise((resolve) => setTimeout(resolve, low + Math.floor(this.random() * (high - low))));
				return relay(await forward());
			}
			case 'silent-server':
				entry.outcome = 'silent';
				this.held.add(request.socket);
				request.socket.once('close', () => this.held.delete(request.socket));
				return;
			case 'expired-401':
				return reply(401, { error_code: '401013', message: 'Oauth token is not valid' });
			case 'precondition-412-patch':
				return reply(412, {
					errorMessage: 'Supplied version=[If-Match] does not match the current version on entity',
					errorCode: 'CONCURRENT_MODIFICATION',
				});
			case 'malformed-json-2xx':
				return await garbage('{"items": [{"id": "5f3a', 'application/json');
			case 'empty-body-2xx':
				return await garbage('', 'application/json');
			case 'html-body-2xx':
				return await garbage('<html><body><h1>Service temporarily unavailable</h1></body></html>', 'text/html');
			case 'secret-echo-400':
				return reply(400, {
					type: 'https://ns.adobe.com/aep/errors/FLOW-1100-400',
					title: 'Bad Request',
					status: 400,
					detail: `Request body failed validation: ${body.toString('utf8')}`,
					report: { additionalContext: { request: body.toString('utf8') } },
				});
			case 'redirect-302-get':
				return redirect(302);
			case 'redirect-307-write':
				return redirect(307);
			case 'redirect-308-write':
			case 'ims-redirect-308':
				return redirect(308);
			case 'ims-429':
				return reply(429, { error: 'too_many_requests' }, this.random() < 0.5 ? { 'retry-after': '1' } : {});
			case 'ims-5xx':
				return reply(this.pick([500, 502, 503, 504]), 'upstream unavailable');
			case 'ims-empty-200':
				return await garbage('', 'application/json', 200);
			case 'ims-html-200':
				return await garbage('<html><body>Adobe IMS maintenance</body></html>', 'text/html', 200);
			case 'ims-secret-echo-400':
				return reply(400, { error: 'invalid_request', error_description: `Malformed form: ${body.toString('utf8')}` });
		}
	}

	private forward(request: IncomingMessage, body: Buffer): Promise<Upstream> {
		return new Promise((resolve, reject) => {
			const headers = { ...request.headers, host: this.upstream.host };
			const outgoing = httpRequest(
				{
					host: this.upstream.hostname,
					port: this.upstream.port,
					method: request.method,
					path: request.url,
					headers,
				},
				(incoming) => {
					const chunks: Buffer[] = [];
					incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
					incoming.on('end', () => {
						const flat: Record<string, string> = {};
						for (const [name, value] of Object.entries(incoming.headers)) {
							if (value !== undefined && name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') {
								flat[name] = Array.isArray(value) ? value.join(', ') : value;
							}
						}
						resolve({ status: incoming.statusCode ?? 502, headers: flat, body: Buffer.concat(chunks) });
					});
					incoming.on('error', reject);
				},
			);
			outgoing.on('error', reject);
			outgoing.end(body);
		});
	}
}
