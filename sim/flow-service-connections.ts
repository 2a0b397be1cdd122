/**
 * Flow Service connections: base, source and target connections created and patched, their bodies
 * checked against the connection specs' JSON Schemas, secrets masked when read back.
 */

import type { ConnectionSpec, FlowSpec } from './catalogue';
import { DATA_LAKE_SPEC_ID, PROFILE_STORE_SPEC_ID } from './catalogue';
import { flowServiceError } from './errors';
import { CONNECTION_BODY, SOURCE_CONNECTION_BODY, TARGET_CONNECTION_BODY } from './flow-rules';
import type { Call, SimAnswer } from './flow-service-call';
import {
	badRequest,
	check,
	created,
	describeIds,
	entityOrNotFound,
	knownConnectionSpec,
	maskSecrets,
	meta,
	objectBody,
	specRef,
	touch,
} from './flow-service-call';
import { JsonPatchError, applyJsonPatch } from './json-patch';
import type { JsonSchema } from './json-schema';
import type { Entity, JsonObject } from './store';

// ---------------------------------------------------------------------------------------------
// Connections

interface NamedParams {
	specName?: string;
	name?: string;
	params?: unknown;
}

export function createConnection(call: Call): SimAnswer {
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

export function createSourceConnection(call: Call): SimAnswer {
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
export function checkTargetParams(call: Call, spec: ConnectionSpec, params: JsonObject, flowSpec?: FlowSpec, what = 'params') {
	const schema = spec.targetSpec?.spec;
	if (!schema) return;
	check(call, what, schema, params, {
		context: { ...params, ...(flowSpec ? { flowSpec } : {}) },
		deferred: flowSpec ? [] : ['flowSpec'],
	});
}

export function createTargetConnection(call: Call): SimAnswer {
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
export function patchConnection(call: Call, collection: 'connections' | 'targetConnections', id: string): SimAnswer {
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
