/**
 * What every Flow Service handler shares: the request and answer shapes, the call one request works
 * with, and the helpers that check bodies, stamp metadata and refuse unknown IDs.
 */

import type { ConnectionSpec } from './catalogue';
import type { SimHttpError, TenantInfo } from './errors';
import { notFound, plainError, problem } from './errors';
import { MASKED_SECRET, SECRET_PARAM_NAME } from './flow-rules';
import type { Caller } from './gateway';
import type { JsonSchema } from './json-schema';
import { validateJsonSchema } from './json-schema';
import type { RunSettling, RunStatus } from './runs';
import type { CollectionName, Entity, JsonObject, SandboxStore, SimulationState } from './store';
import type { IncomingHttpHeaders } from 'node:http';

export interface FlowServiceConfig {
	/** Statuses of the runs every new flow starts with, oldest first. */
	initialRuns: RunStatus[];
	/** How in-progress runs finish unless told otherwise. */
	runSettling: RunSettling;
	/** `spec`: PATCH answers 200 `{id, etag}` (API reference); `seed`: 202 without a body (seed 002). */
	patchResponse: 'spec' | 'seed';
	/** Page size of continuation lists when the caller sends no `limit`. */
	defaultPageSize: number;
}

export interface FlowServiceRequest {
	method: string;
	/** Path below the Flow Service base, e.g. `/flows/abc`. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: unknown;
	caller: Caller;
}

export interface SimAnswer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** Everything one call works with. */
export interface Call {
	state: SimulationState;
	config: FlowServiceConfig;
	request: FlowServiceRequest;
	store: SandboxStore;
	tenant: TenantInfo;
}

/** A path segment as sent; a malformed escape is kept as is (and then matches nothing). */
export function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

export function badRequest(call: Call, detail: string, violations?: string[]): SimHttpError {
	return problem(
		400,
		'FLOW-1103-400',
		'Bad Request',
		detail,
		call.tenant,
		violations ? { validationErrors: violations } : {},
	);
}

/** Throws AEP's problem JSON listing every violation, or returns quietly. */
export function check(call: Call, what: string, schema: JsonSchema, value: unknown, options?: Parameters<typeof validateJsonSchema>[2]) {
	const violations = validateJsonSchema(schema, value, options).map((violation) => violation.message);
	if (violations.length) throw badRequest(call, `${what} is invalid: ${violations.join('; ')}`, violations);
}

export function objectBody(call: Call): JsonObject {
	const body = call.request.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest(call, 'The request body must be a JSON object');
	}
	return body as JsonObject;
}

export function meta(call: Call, id: string) {
	const now = call.state.now();
	const clientId = call.request.caller.clientId;
	return {
		id,
		createdAt: now,
		updatedAt: now,
		createdBy: `${clientId}@techacct.adobe.com`,
		updatedBy: `${clientId}@techacct.adobe.com`,
		createdClient: clientId,
		updatedClient: clientId,
		sandboxId: call.store.id,
		sandboxName: call.store.name,
		imsOrgId: call.request.caller.imsOrgId,
	};
}

export function touch(call: Call, entity: Entity): void {
	entity.updatedAt = call.state.now();
	entity.updatedBy = `${call.request.caller.clientId}@techacct.adobe.com`;
	entity.updatedClient = call.request.caller.clientId;
	entity.etag = call.state.nextEtag();
	entity.version = entity.etag;
}

export function created(entity: Entity): SimAnswer {
	return { status: 201, body: { id: entity.id, etag: entity.etag } };
}

export function specRef(value: unknown): { id: string; version: string } {
	const ref = value as { id: string; version?: string };
	return { id: ref.id, version: ref.version ?? '1.0' };
}

/** The catalogue entry a request names, or AEP's answer to an unknown spec ID. */
export function knownConnectionSpec(call: Call, id: string): ConnectionSpec | undefined {
	const spec = call.state.catalogue.connectionSpec(id);
	if (!spec && !call.state.catalogue.isSchemaLessSpec(id)) throw plainError(400, 'Please provide a valid spec id');
	return spec;
}

/** Replaces secrets with a mask: AEP does not give stored credentials back. */
export function maskSecrets(params: unknown, schema?: JsonSchema): unknown {
	if (!params || typeof params !== 'object' || Array.isArray(params)) return params;
	const masked: JsonObject = {};
	for (const [key, value] of Object.entries(params)) {
		const secret = schema?.properties?.[key]?.format === 'password' || SECRET_PARAM_NAME.test(key);
		masked[key] = secret && value !== undefined && value !== null ? MASKED_SECRET : value;
	}
	return masked;
}

export function describeIds(ids: string[]): string {
	return ids.map((id) => `"${id}"`).join(', ');
}

export function entityOrNotFound(call: Call, collection: CollectionName, id: string): Entity {
	const entity = call.store.collection(collection).get(id);
	if (!entity) throw notFound(collection, id);
	return entity;
}
