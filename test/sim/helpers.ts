/**
 * Helpers for the simulation tests: real HTTP against the simulation on 127.0.0.1 (nock lets only
 * localhost through), the fixture files, and the placeholder values Adobe's examples leave open.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';

import type { Simulation, SimulationOptions } from '../../sim/index';
import { startSimulation } from '../../sim/index';

export const CLIENT_ID = 'sim-test-client';
export const CLIENT_SECRET = 'sim-test-secret-never-leak';
export const ORG_ID = '0123456789ABCDEF01234567@AdobeOrg';
export const SANDBOX = 'dev-sandbox';
export const FLOW = '/data/foundation/flowservice';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
export const SEEDS = join(FIXTURES, 'seed-examples');

export const DATA_LAKE = '23598e46-f560-407b-88d5-ea6207e49db0';
export const PROFILE_STORE = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';
export const SPEC = {
	s3: '4fce964d-3f37-408f-9778-e597338a21ee',
	blob: '6d6b59bf-fb58-4107-9064-4d246c0e5bb2',
	adls: 'be2c3209-53bc-47e7-ab25-145db8b873e1',
	dlz: '10440537-2a7b-4583-ac39-ed38d4b848e8',
	gcs: 'c5d93acb-ea8b-4b14-8f53-02138444ae99',
	sftp: '36965a81-b1c6-401b-99f8-22508f1e6a26',
};
export const FLOW_SPEC = {
	s3Datasets: '269ba276-16fc-47db-92b0-c1049a3c131f',
	s3Audiences: '1a0514a6-33d4-4c7f-aff8-594799c47549',
	legacyCloudStorage: '71471eba-b620-49e4-90fd-23f1fa0174d8',
};

/** A quoted etag as AEP writes it: `"0000d781-0000-0200-0000-63e28d060000"` (quotes included). */
export const ETAG = /^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{12}"$/;

export function readFixture<T = unknown>(...path: string[]): T {
	return JSON.parse(readFileSync(join(FIXTURES, ...path), 'utf8')) as T;
}

export function seed<T = unknown>(file: string): T {
	return readFixture<T>('seed-examples', file);
}

export function seedFiles(pattern: RegExp): string[] {
	return readdirSync(SEEDS)
		.filter((file) => pattern.test(file))
		.sort();
}

/** Only the simulation on 127.0.0.1 may be reached. */
export function allowOnlyLocalhost() {
	beforeAll(() => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
	});
	afterAll(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});
}

export async function startTestSimulation(options: Partial<SimulationOptions> = {}): Promise<Simulation> {
	return await startSimulation({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
}

export interface Answer<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

export async function http<T = any>(
	url: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer<T>> {
	const response = await fetch(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function fetchToken(sim: Simulation, secret = CLIENT_SECRET): Promise<Answer> {
	return await http(sim.imsTokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: CLIENT_ID,
			client_secret: secret,
			scope: 'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session',
		}).toString(),
	});
}

export interface FlowCall {
	query?: Record<string, string | string[]>;
	body?: unknown;
	headers?: Record<string, string>;
	sandbox?: string;
}

/** A Flow Service client holding one token, sending the four AEP headers like the credential does. */
export class FlowClient {
	token = '';

	constructor(readonly sim: Simulation) {}

	async login(): Promise<this> {
		const answer = await fetchToken(this.sim);
		if (answer.status !== 200) throw new Error(`token request failed: ${JSON.stringify(answer.body)}`);
		this.token = answer.body.access_token;
		return this;
	}

	headers(sandbox = SANDBOX): Record<string, string> {
		return {
			authorization: `Bearer ${this.token}`,
			'x-api-key': CLIENT_ID,
			'x-gw-ims-org-id': ORG_ID,
			'x-sandbox-name': sandbox,
		};
	}

	async call<T = any>(method: string, path: string, call: FlowCall = {}): Promise<Answer<T>> {
		const query = new URLSearchParams();
		for (const [key, value] of Object.entries(call.query ?? {})) {
			for (const item of Array.isArray(value) ? value : [value]) query.append(key, item);
		}
		const search = query.toString();
		return await http<T>(`${this.sim.flowServiceUrl}${path}${search ? `?${search}` : ''}`, {
			method,
			headers: {
				...this.headers(call.sandbox),
				...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
				...call.headers,
			},
			body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
		});
	}

	get<T = any>(path: string, query?: FlowCall['query'], sandbox?: string) {
		return this.call<T>('GET', path, { query, sandbox });
	}

	post<T = any>(path: string, body: unknown, sandbox?: string) {
		return this.call<T>('POST', path, { body, sandbox });
	}

	/** POSTs and insists on 201, naming the body when the simulation refuses it. */
	async create(path: string, body: unknown, sandbox?: string): Promise<{ id: string; etag: string }> {
		const answer = await this.post(path, body, sandbox);
		if (answer.status !== 201) {
			throw new Error(`POST ${path} answered ${answer.status} ${JSON.stringify(answer.body)} for ${JSON.stringify(body)}`);
		}
		return answer.body;
	}

	patch<T = any>(id: string, operations: unknown, etag: string | undefined, sandbox?: string) {
		return this.call<T>('PATCH', `/flows/${id}`, {
			body: operations,
			sandbox,
			headers: etag === undefined ? {} : { 'if-match': etag },
		});
	}

	async flow(id: string, sandbox?: string): Promise<any> {
		const answer = await this.get(`/flows/${id}`, undefined, sandbox);
		if (answer.status !== 200) throw new Error(`GET /flows/${id} answered ${answer.status}`);
		return answer.body.items[0];
	}
}

/** Values that satisfy the connection specs' patterns, for the examples' `<Add …>` placeholders. */
const SAMPLE_PARAMS: Record<string, unknown> = {
	s3AccessKey: 'AKIAIOSFODNN7EXAMPLE',
	s3SecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	connectionString: 'DefaultEndpointsProtocol=https;AccountName=example;AccountKey=secret',
	servicePrincipalKey: 'service-principal-secret',
	servicePrincipalId: '00000000-0000-0000-0000-000000000001',
	tenant: 'example.onmicrosoft.com',
	url: 'https://example.dfs.core.windows.net',
	accessKeyId: 'GOOG1EXAMPLEACCESSKEY',
	secretAccessKey: 'gcs-secret-access-key',
	domain: 'sftp.example.com',
	host: 'sftp.example.com',
	username: 'exporter',
	password: 'sftp-password',
	sshKey: 'LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0=',
	publicKey: 'LS0tLS1CRUdJTiBQR1AgUFVCTElDIEtFWSBCTE9DSy0tLS0t',
	bucketName: 'example-bucket',
	container: 'example-container',
	path: 'exports/folder',
	remotePath: '/exports/folder',
	accessId: 'AKIAIOSFODNN7EXAMPLE',
	secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const PLACEHOLDER = /^(<[^>]*>|\{[A-Z_]+\})$/;

/**
 * Replaces the examples' placeholders: IDs from `ids` (keyed by the placeholder, e.g.
 * `{FLOW_SPEC_ID}`), credentials and locations from SAMPLE_PARAMS (keyed by the property name).
 * Throws on a placeholder it cannot fill, so no example is sent half-filled.
 */
export function fillPlaceholders<T>(value: T, ids: Record<string, string> = {}, key = ''): T {
	if (typeof value === 'string' && PLACEHOLDER.test(value)) {
		if (ids[value] !== undefined) return ids[value] as T;
		if (SAMPLE_PARAMS[key] !== undefined) return SAMPLE_PARAMS[key] as T;
		throw new Error(`no value for placeholder ${value} (property "${key}")`);
	}
	if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, ids, key)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, ids, k)])) as T;
	}
	return value;
}

/** Keys of the first item of an `{items: [...]}` example. */
export function itemKeys(example: { items: Array<Record<string, unknown>> }): string[] {
	return Object.keys(example.items[0]).sort();
}
