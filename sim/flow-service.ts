/**
 * Flow Service below `/data/foundation/flowservice`: the catalogue, connections, source and target
 * connections, dataflows (JSON Patch with etags, enable/disable) and runs, for one caller in one
 * sandbox. Request bodies are checked against the catalogue's JSON Schemas before anything is stored.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { ConnectionSpec, FlowSpec } from './catalogue';
import { DATA_LAKE_SPEC_ID, PROFILE_STORE_SPEC_ID } from './catalogue';
import type { SimHttpError, TenantInfo } from './errors';
import { flowServiceError, notFound, plainError, problem } from './errors';
import {
	CONNECTION_BODY,
	DATASET_SCHEDULE,
	FLOW_BODY,
	MASKED_SECRET,
	PATCHABLE_FLOW_FIELDS,
	SECRET_PARAM_NAME,
	SOURCE_CONNECTION_BODY,
	TARGET_CONNECTION_BODY,
	scheduleProblems,
} from './flow-rules';
import type { Caller } from './gateway';
import { JsonPatchError, applyJsonPatch } from './json-patch';
import type { JsonSchema } from './json-schema';
import { validateJsonSchema } from './json-schema';
import {
	BadQueryError,
	continuationPage,
	matchesFilters,
	parsePropertyFilters,
	sortItems,
	startLimitPage,
	wantsCount,
} from './listing';
import { refuseDeleteInUse } from './references';
import type { RunSettling, RunStatus } from './runs';
import { lastRunDetails, readRun, seedRunHistory, settleIfDue } from './runs';
import type { CollectionName, Entity, FlowEntity, JsonObject, SandboxStore, SimulationState } from './store';

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
interface Call {
	state: SimulationState;
	config: FlowServiceConfig;
	request: FlowServiceRequest;
	store: SandboxStore;
	tenant: TenantInfo;
}

type Handler = (call: Call, id: string) => SimAnswer;

const ID = '([^/]+)';

const COLLECTIONS: CollectionName[] = ['connections', 'sourceConnections', 'targetConnections', 'flows'];

const ROUTES: Array<{ method: string; pattern: RegExp; handle: Handler }> = [
	{ method: 'GET', pattern: /^\/connectionSpecs$/, handle: (call) => listCatalogue(call, call.state.catalogue.connectionSpecs, '/connectionSpecs') },
	{ method: 'GET', pattern: new RegExp(`^/connectionSpecs/${ID}/configs$`), handle: listEligibleDatasets },
	{ method: 'GET', pattern: new RegExp(`^/connectionSpecs/${ID}$`), handle: (call, id) => catalogueItem(call.state.catalogue.connectionSpec(id), 'connectionSpecs', id) },
	{ method: 'GET', pattern: /^\/flowSpecs$/, handle: (call) => listCatalogue(call, call.state.catalogue.flowSpecs, '/flowSpecs') },
	{ method: 'GET', pattern: new RegExp(`^/flowSpecs/${ID}$`), handle: (call, id) => catalogueItem(call.state.catalogue.flowSpec(id), 'flowSpecs', id) },
	{ method: 'POST', pattern: /^\/connections$/, handle: createConnection },
	{ method: 'POST', pattern: /^\/sourceConnections$/, handle: createSourceConnection },
	{ method: 'POST', pattern: /^\/targetConnections$/, handle: createTargetConnection },
	{ method: 'POST', pattern: /^\/flows$/, handle: createFlow },
	{ method: 'PATCH', pattern: new RegExp(`^/flows/${ID}$`), handle: patchFlow },
	{ method: 'POST', pattern: new RegExp(`^/flows/${ID}/action$`), handle: flowAction },
	{ method: 'PATCH', pattern: new RegExp(`^/connections/${ID}$`), handle: (call, id) => patchConnection(call, 'connections', id) },
	{ method: 'PATCH', pattern: new RegExp(`^/targetConnections/${ID}$`), handle: (call, id) => patchConnection(call, 'targetConnections', id) },
	{ method: 'GET', pattern: /^\/runs$/, handle: listRuns },
	{ method: 'GET', pattern: new RegExp(`^/runs/${ID}$`), handle: getRun },
	...COLLECTIONS.flatMap((collection) => [
		{ method: 'GET', pattern: new RegExp(`^/${collection}$`), handle: (call: Call) => listEntities(call, collection) },
		{ method: 'GET', pattern: new RegExp(`^/${collection}/${ID}$`), handle: (call: Call, id: string) => getEntity(call, collection, id) },
		{ method: 'DELETE', pattern: new RegExp(`^/${collection}/${ID}$`), handle: (call: Call, id: string) => deleteEntity(call, collection, id) },
	]),
];

export function handleFlowService(state: SimulationState, config: FlowServiceConfig, request: FlowServiceRequest): SimAnswer {
	const store = state.sandbox(request.caller.sandboxName);
	const call: Call = {
		state,
		config,
		request,
		store,
		tenant: { sandboxName: store.name, sandboxId: store.id, imsOrgId: request.caller.imsOrgId },
	};
	let pathMatched = false;
	for (const route of ROUTES) {
		const match = route.pattern.exec(request.path);
		if (!match) continue;
		pathMatched = true;
		if (route.method !== request.method) continue;
		try {
			return route.handle(call, safeDecode(match[1] ?? ''));
		} catch (error) {
			if (error instanceof BadQueryError) throw badRequest(call, error.message);
			throw error;
		}
	}
	if (pathMatched) throw plainError(405, `Method ${request.method} is not allowed on ${request.path}`);
	throw flowServiceError(404, `No Flow Service resource at ${request.path}`);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** A path segment as sent; a malformed escape is kept as is (and then matches nothing). */
function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function badRequest(call: Call, detail: string, violations?: string[]): SimHttpError {
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
function check(call: Call, what: string, schema: JsonSchema, value: unknown, options?: Parameters<typeof validateJsonSchema>[2]) {
	const violations = validateJsonSchema(schema, value, options).map((violation) => violation.message);
	if (violations.length) throw badRequest(call, `${what} is invalid: ${violations.join('; ')}`, violations);
}

function objectBody(call: Call): JsonObject {
	const body = call.request.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest(call, 'The request body must be a JSON object');
	}
	return body as JsonObject;
}

function meta(call: Call, id: string) {
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

function touch(call: Call, entity: Entity): void {
	entity.updatedAt = call.state.now();
	entity.updatedBy = `${call.request.caller.clientId}@techacct.adobe.com`;
	entity.updatedClient = call.request.caller.clientId;
	entity.etag = call.state.nextEtag();
	entity.version = entity.etag;
}

function created(entity: Entity): SimAnswer {
	return { status: 201, body: { id: entity.id, etag: entity.etag } };
}

function specRef(value: unknown): { id: string; version: string } {
	const ref = value as { id: string; version?: string };
	return { id: ref.id, version: ref.version ?? '1.0' };
}

/** The catalogue entry a request names, or AEP's answer to an unknown spec ID. */
function knownConnectionSpec(call: Call, id: string): ConnectionSpec | undefined {
	const spec = call.state.catalogue.connectionSpec(id);
	if (!spec && !call.state.catalogue.isSchemaLessSpec(id)) throw plainError(400, 'Please provide a valid spec id');
	return spec;
}

/** Replaces secrets with a mask: AEP does not give stored credentials back. */
function maskSecrets(params: unknown, schema?: JsonSchema): unknown {
	if (!params || typeof params !== 'object' || Array.isArray(params)) return params;
	const masked: JsonObject = {};
	for (const [key, value] of Object.entries(params)) {
		const secret = schema?.properties?.[key]?.format === 'password' || SECRET_PARAM_NAME.test(key);
		masked[key] = secret && value !== undefined && value !== null ? MASKED_SECRET : value;
	}
	return masked;
}

function describeIds(ids: string[]): string {
	return ids.map((id) => `"${id}"`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Lists

function filtered<T>(items: T[], query: URLSearchParams): T[] {
	const filters = parsePropertyFilters(query);
	return items.filter((item) => matchesFilters(item, filters));
}

function listAnswer<T>(call: Call, items: T[], path: string, fallback?: { field: string; descending: boolean }): { body: unknown; page: T[] } {
	const query = call.request.query;
	const matching = sortItems(filtered(items, query), query, fallback);
	if (wantsCount(query)) return { body: { count: matching.length }, page: [] };
	const page = continuationPage(matching, query, path, call.config.defaultPageSize);
	return { body: page, page: page.items };
}

function listCatalogue(call: Call, specs: Array<ConnectionSpec | FlowSpec>, path: string): SimAnswer {
	// The catalogue keeps its own order unless `orderby` asks otherwise.
	return { status: 200, body: listAnswer(call, specs, path).body };
}

function catalogueItem(spec: ConnectionSpec | FlowSpec | undefined, collection: string, id: string): SimAnswer {
	if (!spec) throw notFound(collection, id);
	return { status: 200, body: { items: [spec] } };
}

function listEligibleDatasets(call: Call, specId: string): SimAnswer {
	const query = call.request.query;
	if (specId !== DATA_LAKE_SPEC_ID) {
		throw badRequest(call, `Eligible datasets are listed by the Data Lake connection spec ${DATA_LAKE_SPEC_ID}, not ${specId}`);
	}
	if (query.get('outputType') !== 'activationDatasets' || query.get('outputField') !== 'datasets') {
		throw badRequest(call, 'outputType=activationDatasets and outputField=datasets are required');
	}
	return { status: 200, body: startLimitPage(call.store.datasets, query) };
}

function renderEntity(call: Call, collection: CollectionName, entity: Entity): JsonObject {
	return collection === 'flows' ? renderFlow(call, entity as FlowEntity) : entity;
}

function listEntities(call: Call, collection: CollectionName): SimAnswer {
	const items = [...call.store.collection(collection).values()].map((entity) => renderEntity(call, collection, entity));
	return { status: 200, body: listAnswer(call, items, `/${collection}`, { field: 'createdAt', descending: true }).body };
}

function entityOrNotFound(call: Call, collection: CollectionName, id: string): Entity {
	const entity = call.store.collection(collection).get(id);
	if (!entity) throw notFound(collection, id);
	return entity;
}

function getEntity(call: Call, collection: CollectionName, id: string): SimAnswer {
	// GET by ID answers a one-item list, as Flow Service does.
	return { status: 200, body: { items: [renderEntity(call, collection, entityOrNotFound(call, collection, id))] } };
}

function deleteEntity(call: Call, collection: CollectionName, id: string): SimAnswer {
	entityOrNotFound(call, collection, id);
	refuseDeleteInUse(call.store, collection, id);
	call.store.collection(collection).delete(id);
	if (collection === 'flows') {
		for (const [runId, record] of call.store.runs) if (record.run.flowId === id) call.store.runs.delete(runId);
	}
	return { status: 202 };
}

// ---------------------------------------------------------------------------------------------
// Connections

interface NamedParams {
	specName?: string;
	name?: string;
	params?: unknown;
}

function createConnection(call: Call): SimAnswer {
	const body = objectBody(call);
	check(call, 'The base connection', CONNECTION_BODY, body);
	const specRefValue = body.connectionSpec as { id: string } | undefined;
	const spec = specRefValue ? knownConnectionSpec(call, specRefValue.id) : undefined;
	const auth = body.auth as NamedParams | undefined;
	let authSchema: JsonSchema | undefined;
	if (spec?.authSpec?.length) {
		const allowed = spec.authSpec.map((item) => `"${item.name}"`).join(', ');
		if (!auth?.specName) throw badRequest(call, `auth.specName is required for ${spec.name}; allowed: ${allowed}`);
		const authSpec = call.state.catalogue.authSpec(spec, auth.specName);
		if (!authSpec) throw badRequest(call, `auth.specName "${auth.specName}" is not an auth spec of ${spec.name}; allowed: ${allowed}`);
		authSchema = authSpec.spec;
		if (authSchema) check(call, 'auth.params', authSchema, auth.params ?? {}, {});
	}
	const encryption = encryptionOf(call, body, spec);
	const connection: Entity = {
		...meta(call, call.state.newId()),
		name: body.name as string,
		...(body.description !== undefined ? { description: body.description } : {}),
		...(specRefValue ? { connectionSpec: specRef(specRefValue) } : {}),
		...(auth
			? {
					auth: {
						specName: auth.specName,
						params: { ...(maskSecrets(auth.params ?? {}, authSchema) as JsonObject), authorizedDate: new Date(call.state.now()).toISOString().slice(0, 10) },
					},
				}
			: {}),
		...(encryption ? { encryptionSpecs: encryption } : {}),
		state: 'enabled',
		version: '',
		etag: '',
	};
	touch(call, connection);
	call.store.connections.set(connection.id, connection);
	return created(connection);
}

/**
 * PGP encryption of a base connection. Adobe's examples disagree on the envelope (`encryption`
 * object, `encryptionSpecs` object or array) and on the spec name, so all are accepted; the
 * parameters themselves are checked against the connection spec's encryption spec.
 */
function encryptionOf(call: Call, body: JsonObject, spec: ConnectionSpec | undefined): NamedParams[] | undefined {
	const given = body.encryption ?? body.encryptionSpecs;
	if (given === undefined) return undefined;
	const items = (Array.isArray(given) ? given : [given]) as NamedParams[];
	if (!spec) return items.map((item) => ({ ...item, params: maskSecrets(item.params) }));
	const specs = spec.encryptionSpecs ?? [];
	if (!specs.length) throw badRequest(call, `${spec.name} does not support file encryption`);
	return items.map((item, index) => {
		const name = item.specName ?? item.name;
		const encryptionSpec = specs.find((candidate) => candidate.name === name) ?? (specs.length === 1 ? specs[0] : undefined);
		if (!encryptionSpec) {
			throw badRequest(call, `encryption spec "${String(name)}" is not one of ${specs.map((s) => `"${s.name}"`).join(', ')}`);
		}
		if (encryptionSpec.spec) check(call, `encryption ${index} params`, encryptionSpec.spec, item.params ?? {});
		return { specName: name, params: maskSecrets(item.params, encryptionSpec.spec) };
	});
}

function isSourceSpec(call: Call, specId: string): boolean {
	return call.state.catalogue.flowSpecs.some((flowSpec) => flowSpec.sourceConnectionSpecIds?.includes(specId));
}

function createSourceConnection(call: Call): SimAnswer {
	const body = objectBody(call);
	check(call, 'The source connection', SOURCE_CONNECTION_BODY, body);
	const ref = specRef(body.connectionSpec);
	const spec = knownConnectionSpec(call, ref.id);
	if (!isSourceSpec(call, ref.id)) throw badRequest(call, `Connection spec ${ref.id} is not a source of any flow spec`);
	let baseConnectionId = body.baseConnectionId as string | undefined;
	if (baseConnectionId !== undefined && !call.store.connections.has(baseConnectionId)) {
		throw badRequest(call, `Base connection ${baseConnectionId} does not exist in sandbox ${call.store.name}`);
	}
	const params = body.params as JsonObject | undefined;
	if (spec?.sourceSpec?.spec && params !== undefined) check(call, 'params', spec.sourceSpec.spec, params);
	if (ref.id === DATA_LAKE_SPEC_ID) {
		const datasets = (params?.datasets ?? []) as Array<{ dataSetId: string }>;
		if (!datasets.length) throw badRequest(call, 'params.datasets must name at least one dataset to export');
		const eligible = new Set(call.store.datasets.map((dataset) => dataset.id));
		const unknown = datasets.map((dataset) => dataset.dataSetId).filter((id) => !eligible.has(id));
		if (unknown.length) {
			throw badRequest(
				call,
				`Dataset(s) ${describeIds(unknown)} are not eligible for export in sandbox ${call.store.name} (see GET /connectionSpecs/${DATA_LAKE_SPEC_ID}/configs)`,
			);
		}
	}
	// Platform sources get a base connection of their own when none is given, as in the API
	// reference's examples (the Data Lake one also names it at the top level).
	const inheritedBaseId = baseConnectionId ?? call.state.newId();
	if (ref.id === DATA_LAKE_SPEC_ID) baseConnectionId = inheritedBaseId;
	const sourceConnection: Entity = {
		...meta(call, call.state.newId()),
		name: body.name as string,
		...(body.description !== undefined ? { description: body.description } : {}),
		...(baseConnectionId ? { baseConnectionId } : {}),
		state: 'enabled',
		connectionSpec: ref,
		...(params !== undefined ? { params } : {}),
		...(body.data !== undefined ? { data: body.data } : {}),
		...(ref.id === PROFILE_STORE_SPEC_ID ? { typeInfo: { type: 'ProfileFragments', id: 'ups' } } : {}),
		version: '',
		etag: '',
		inheritedAttributes: { baseConnection: { id: inheritedBaseId, connectionSpec: ref } },
	};
	touch(call, sourceConnection);
	call.store.sourceConnections.set(sourceConnection.id, sourceConnection);
	return created(sourceConnection);
}

/**
 * Target parameters against the destination's targetSpec. Without a flow spec (at creation) the
 * `flowSpec.attributes._workflow` conditionals are undecided, so neither `datasetFileType` nor
 * `fileType` is required yet; the dataflow checks them again once its flow spec is known.
 */
function checkTargetParams(call: Call, spec: ConnectionSpec, params: JsonObject, flowSpec?: FlowSpec, what = 'params') {
	const schema = spec.targetSpec?.spec;
	if (!schema) return;
	check(call, what, schema, params, {
		context: { ...params, ...(flowSpec ? { flowSpec } : {}) },
		deferred: flowSpec ? [] : ['flowSpec'],
	});
}

function createTargetConnection(call: Call): SimAnswer {
	const body = objectBody(call);
	check(call, 'The target connection', TARGET_CONNECTION_BODY, body);
	const ref = specRef(body.connectionSpec);
	const spec = knownConnectionSpec(call, ref.id);
	const base = call.store.connections.get(body.baseConnectionId as string);
	if (!base) throw badRequest(call, `Base connection ${String(body.baseConnectionId)} does not exist in sandbox ${call.store.name}`);
	const baseSpec = (base.connectionSpec as { id?: string } | undefined)?.id;
	if (baseSpec && baseSpec !== ref.id) {
		throw badRequest(call, `Base connection ${base.id} belongs to connection spec ${baseSpec}, not ${ref.id}`);
	}
	const params = body.params as JsonObject;
	if (spec) checkTargetParams(call, spec, params);
	const targetConnection: Entity = {
		...meta(call, call.state.newId()),
		name: body.name as string,
		...(body.description !== undefined ? { description: body.description } : {}),
		baseConnectionId: base.id,
		state: 'enabled',
		connectionSpec: ref,
		...(body.data !== undefined ? { data: body.data } : {}),
		params,
		version: '',
		etag: '',
		inheritedAttributes: { baseConnection: { id: base.id, connectionSpec: base.connectionSpec ?? ref } },
	};
	touch(call, targetConnection);
	call.store.targetConnections.set(targetConnection.id, targetConnection);
	return created(targetConnection);
}

/**
 * Editing a destination connection (Adobe's "edit destination connections" tutorial): JSON Patch
 * with If-Match; a base connection's `/auth` or `/auth/params` (checked against its auth spec,
 * secrets masked as on create), a target connection's `/params` (checked against the target spec).
 */
function patchConnection(call: Call, collection: 'connections' | 'targetConnections', id: string): SimAnswer {
	const entity = entityOrNotFound(call, collection, id);
	const ifMatch = call.request.headers['if-match'];
	const supplied = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
	if (!supplied) throw badRequest(call, 'The If-Match header is required: send the etag of the connection you read, in double quotes');
	if (supplied !== entity.etag) throw flowServiceError(412, `Supplied version=[${supplied}] does not match the current version on entity=[${entity.etag}]`);
	const patch = call.request.body;
	if (!Array.isArray(patch)) throw badRequest(call, 'The request body must be a JSON Patch array (RFC 6902)');
	const allowed = collection === 'connections' ? /^\/(auth|name|description)(\/|$)/ : /^\/(params|name|description)(\/|$)/;
	const outside = patch.filter((op: { path?: unknown }) => typeof op?.path !== 'string' || !allowed.test(op.path));
	if (outside.length) throw badRequest(call, `These paths cannot be changed with PATCH: ${outside.map((op: { path?: unknown }) => String(op?.path)).join(', ')}`);
	let after: JsonObject;
	try {
		after = applyJsonPatch(entity, patch);
	} catch (error) {
		if (error instanceof JsonPatchError) throw badRequest(call, `The JSON Patch cannot be applied: ${error.message}`);
		throw error;
	}
	const spec = knownConnectionSpec(call, (entity.connectionSpec as { id: string }).id);
	if (collection === 'connections' && spec?.authSpec?.length) {
		const auth = after.auth as NamedParams | undefined;
		const authSpec = auth?.specName ? call.state.catalogue.authSpec(spec, auth.specName) : undefined;
		if (!authSpec) throw badRequest(call, `auth.specName "${String(auth?.specName)}" is not an auth spec of ${spec.name}`);
		if (authSpec.spec) check(call, 'auth.params', authSpec.spec, auth?.params ?? {}, {});
		after.auth = { specName: auth!.specName, params: { ...(maskSecrets(auth!.params ?? {}, authSpec.spec) as JsonObject), authorizedDate: new Date(call.state.now()).toISOString().slice(0, 10) } };
	}
	if (collection === 'targetConnections' && spec) checkTargetParams(call, spec, after.params as JsonObject);
	for (const key of ['auth', 'params', 'name', 'description']) if (after[key] !== undefined) entity[key] = after[key];
	touch(call, entity);
	return { status: 200, body: { id: entity.id, etag: entity.etag } };
}

// ---------------------------------------------------------------------------------------------
// Dataflows

function isDatasetFlowSpec(flowSpec: FlowSpec): boolean {
	const workflow = flowSpec.attributes?._workflow;
	const workflows = Array.isArray(workflow) ? workflow : [workflow];
	return flowSpec.sourceConnectionSpecIds?.includes(DATA_LAKE_SPEC_ID) === true || workflows.includes('DATASETS');
}

/** Everything a dataflow document must satisfy, at creation and after every PATCH. */
function checkFlowDocument(call: Call, document: JsonObject): FlowSpec {
	check(call, 'The dataflow', FLOW_BODY, document);
	const ref = specRef(document.flowSpec);
	const flowSpec = call.state.catalogue.flowSpec(ref.id);
	if (!flowSpec) throw plainError(400, 'Please provide a valid spec id');
	for (const id of document.sourceConnectionIds as string[]) {
		const source = call.store.sourceConnections.get(id);
		if (!source) throw badRequest(call, `Source connection ${id} does not exist in sandbox ${call.store.name}`);
		const specId = (source.connectionSpec as { id: string }).id;
		if (!flowSpec.sourceConnectionSpecIds?.includes(specId)) {
			throw badRequest(call, `Flow spec ${flowSpec.id} (${flowSpec.name}) does not accept source connection spec ${specId}; allowed: ${describeIds(flowSpec.sourceConnectionSpecIds ?? [])}`);
		}
	}
	for (const id of document.targetConnectionIds as string[]) {
		const target = call.store.targetConnections.get(id);
		if (!target) throw badRequest(call, `Target connection ${id} does not exist in sandbox ${call.store.name}`);
		const specId = (target.connectionSpec as { id: string }).id;
		if (!flowSpec.targetConnectionSpecIds?.includes(specId)) {
			throw badRequest(call, `Flow spec ${flowSpec.id} (${flowSpec.name}) does not accept target connection spec ${specId}; allowed: ${describeIds(flowSpec.targetConnectionSpecIds ?? [])}`);
		}
		const spec = call.state.catalogue.connectionSpec(specId);
		if (spec) checkTargetParams(call, spec, target.params as JsonObject, flowSpec, `Target connection ${id} params for flow spec ${flowSpec.id}`);
	}
	const schedule = document.scheduleParams as JsonObject | undefined;
	if (schedule !== undefined && isDatasetFlowSpec(flowSpec)) {
		check(call, 'scheduleParams', DATASET_SCHEDULE, schedule);
		const problems = scheduleProblems(schedule);
		if (problems.length) throw badRequest(call, `scheduleParams is invalid: ${problems.join('; ')}`, problems);
	}
	return flowSpec;
}

function createFlow(call: Call): SimAnswer {
	const body = objectBody(call);
	checkFlowDocument(call, body);
	const now = call.state.now();
	const flow: FlowEntity = {
		...meta(call, call.state.newId()),
		name: body.name as string,
		...(body.description !== undefined ? { description: body.description } : {}),
		flowSpec: specRef(body.flowSpec),
		state: 'enabled',
		version: '',
		etag: '',
		sourceConnectionIds: [...(body.sourceConnectionIds as string[])],
		targetConnectionIds: [...(body.targetConnectionIds as string[])],
		...(body.scheduleParams !== undefined ? { scheduleParams: body.scheduleParams } : {}),
		transformations: (body.transformations as unknown[] | undefined) ?? [],
		...(body.policy !== undefined ? { policy: body.policy } : {}),
		lastOperation: operation(now, 'create', []),
	};
	touch(call, flow);
	call.store.flows.set(flow.id, flow);
	seedRunHistory(call.state, call.store, flow, call.config.initialRuns, call.config.runSettling);
	return created(flow);
}

function operation(now: number, kind: string, ops: unknown[]) {
	return {
		started: now,
		updated: now,
		percentCompleted: 100,
		status: { value: 'completed', properties: null, errors: [] },
		ops,
		operation: kind,
	};
}

/** The connections a flow uses, as `inheritedAttributes` shows them. */
function connectionSummary(store: SandboxStore, entity: Entity | undefined, id: string): JsonObject {
	if (!entity) return { id };
	// The API reference's dataset flow lists its Data Lake source without a base connection.
	const specId = (entity.connectionSpec as { id?: string } | undefined)?.id;
	const baseId = specId === DATA_LAKE_SPEC_ID ? undefined : (entity.inheritedAttributes as { baseConnection?: { id: string } } | undefined)?.baseConnection?.id ?? (entity.baseConnectionId as string | undefined);
	const base = baseId ? store.connections.get(baseId) : undefined;
	return {
		id,
		connectionSpec: entity.connectionSpec,
		...(baseId ? { baseConnection: { id: baseId, connectionSpec: base?.connectionSpec ?? entity.connectionSpec } } : {}),
		...(entity.typeInfo ? { typeInfo: entity.typeInfo } : {}),
	};
}

/** A flow as GET answers it, with the fields Flow Service derives in AEP's order. */
function renderFlow(call: Call, flow: FlowEntity): JsonObject {
	const { store } = call;
	const { scheduleParams, transformations, policy, lastOperation, ...head } = flow;
	const { sourceConnectionIds, targetConnectionIds, ...identity } = head;
	const details = lastRunDetails(store, flow.id);
	return {
		...identity,
		sourceConnectionIds,
		targetConnectionIds,
		inheritedAttributes: {
			properties: { isDestinationFlow: true },
			sourceConnections: sourceConnectionIds.map((id) => connectionSummary(store, store.sourceConnections.get(id), id)),
			targetConnections: targetConnectionIds.map((id) => connectionSummary(store, store.targetConnections.get(id), id)),
		},
		...(scheduleParams !== undefined ? { scheduleParams } : {}),
		transformations,
		...(policy !== undefined ? { policy } : {}),
		runs: `/runs?property=flowId==${flow.id}`,
		lastOperation,
		...(details ? { lastRunDetails: details } : {}),
	};
}

function flowOrNotFound(call: Call, id: string): FlowEntity {
	return entityOrNotFound(call, 'flows', id) as FlowEntity;
}

function changedTopLevelFields(before: JsonObject, after: JsonObject): string[] {
	const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
	return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

function patchFlow(call: Call, id: string): SimAnswer {
	const flow = flowOrNotFound(call, id);
	const ifMatch = call.request.headers['if-match'];
	const supplied = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
	if (supplied === undefined || supplied === '') {
		throw badRequest(call, 'The If-Match header is required: send the etag of the flow you read, in double quotes');
	}
	if (supplied !== flow.etag) {
		throw flowServiceError(412, `Supplied version=[${supplied}] does not match the current version on entity=[${flow.etag}]`);
	}
	const patch = call.request.body;
	if (!Array.isArray(patch)) throw badRequest(call, 'The request body must be a JSON Patch array (RFC 6902)');
	// Adobe's own example (activate audiences, profile mapping) writes "op": "ADD".
	const operations = patch.map((op: unknown) =>
		op && typeof op === 'object' && typeof (op as { op?: unknown }).op === 'string'
			? { ...(op as JsonObject), op: ((op as { op: string }).op).toLowerCase() }
			: op,
	);
	const before = renderFlow(call, flow);
	let after: JsonObject;
	try {
		after = applyJsonPatch(before, operations);
	} catch (error) {
		if (error instanceof JsonPatchError) throw badRequest(call, `The JSON Patch cannot be applied: ${error.message}`);
		throw error;
	}
	if (!after || typeof after !== 'object' || Array.isArray(after)) throw badRequest(call, 'The JSON Patch must leave a flow object');
	const forbidden = changedTopLevelFields(before, after).filter((key) => !PATCHABLE_FLOW_FIELDS.has(key));
	if (forbidden.length) {
		throw badRequest(call, `These fields cannot be changed with PATCH: ${forbidden.map((key) => `/${key}`).join(', ')}; allowed: ${[...PATCHABLE_FLOW_FIELDS].map((key) => `/${key}`).join(', ')}`);
	}
	checkFlowDocument(call, after);
	for (const key of PATCHABLE_FLOW_FIELDS) {
		if (after[key] === undefined) delete flow[key];
		else flow[key] = after[key];
	}
	flow.lastOperation = operation(call.state.now(), 'update', operations);
	touch(call, flow);
	if (call.config.patchResponse === 'seed') return { status: 202 };
	return { status: 200, body: { id: flow.id, etag: flow.etag } };
}

function flowAction(call: Call, id: string): SimAnswer {
	const flow = flowOrNotFound(call, id);
	const op = call.request.query.get('op');
	if (op !== 'enable' && op !== 'disable') {
		throw badRequest(call, `Query parameter op must be "enable" or "disable", not ${op === null ? 'missing' : `"${op}"`}`);
	}
	flow.state = op === 'enable' ? 'enabled' : 'disabled';
	flow.lastOperation = operation(call.state.now(), op, []);
	touch(call, flow);
	return { status: 200, body: { id: flow.id, etag: flow.etag } };
}

// ---------------------------------------------------------------------------------------------
// Runs

function listRuns(call: Call): SimAnswer {
	const { state, store } = call;
	const records = [...store.runs.values()];
	for (const record of records) settleIfDue(state, store, record);
	const byId = new Map(records.map((record) => [record.run.id, record]));
	const { body, page } = listAnswer(
		call,
		records.map((record) => record.run),
		'/runs',
		{ field: 'metrics.durationSummary.startedAtUTC', descending: true },
	);
	if (!('items' in (body as object))) return { status: 200, body };
	// Only the runs a caller actually sees count as read.
	const items = page.map((run) => readRun(state, store, byId.get(run.id)!));
	return { status: 200, body: { ...(body as object), items } };
}

function getRun(call: Call, id: string): SimAnswer {
	const record = call.store.runs.get(id);
	if (!record) throw notFound('runs', id);
	return { status: 200, body: { items: [readRun(call.state, call.store, record)] } };
}
