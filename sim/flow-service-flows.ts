/**
 * Flow Service dataflows: created and checked against their flow spec, patched with JSON Patch under
 * an etag (If-Match), enabled and disabled.
 */

import type { FlowSpec } from './catalogue';
import { DATA_LAKE_SPEC_ID } from './catalogue';
import { flowServiceError, plainError } from './errors';
import { DATASET_SCHEDULE, FLOW_BODY, PATCHABLE_FLOW_FIELDS, scheduleProblems } from './flow-rules';
import type { Call, SimAnswer } from './flow-service-call';
import {
	badRequest,
	check,
	created,
	describeIds,
	entityOrNotFound,
	meta,
	objectBody,
	specRef,
	touch,
} from './flow-service-call';
import { checkTargetParams } from './flow-service-connections';
import { renderFlow } from './flow-service-reads';
import { JsonPatchError, applyJsonPatch } from './json-patch';
import { seedRunHistory } from './runs';
import type { FlowEntity, JsonObject } from './store';

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

export function createFlow(call: Call): SimAnswer {
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

function flowOrNotFound(call: Call, id: string): FlowEntity {
	return entityOrNotFound(call, 'flows', id) as FlowEntity;
}

function changedTopLevelFields(before: JsonObject, after: JsonObject): string[] {
	const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
	return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export function patchFlow(call: Call, id: string): SimAnswer {
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

export function flowAction(call: Call, id: string): SimAnswer {
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
