/**
 * Flow Service reads and deletes: catalogue and entity lists (filters, order, continuation pages),
 * one item by ID, a flow as GET renders it, and runs (settled when due, counted as read).
 */

import type { ConnectionSpec, FlowSpec } from './catalogue';
import { DATA_LAKE_SPEC_ID } from './catalogue';
import { notFound } from './errors';
import type { Call, SimAnswer } from './flow-service-call';
import { badRequest, entityOrNotFound } from './flow-service-call';
import {
	continuationPage,
	matchesFilters,
	parsePropertyFilters,
	sortItems,
	startLimitPage,
	wantsCount,
} from './listing';
import { refuseDeleteInUse } from './references';
import { lastRunDetails, readRun, settleIfDue } from './runs';
import type { CollectionName, Entity, FlowEntity, JsonObject, SandboxStore } from './store';

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

export function listCatalogue(call: Call, specs: Array<ConnectionSpec | FlowSpec>, path: string): SimAnswer {
	// The catalogue keeps its own order unless `orderby` asks otherwise.
	return { status: 200, body: listAnswer(call, specs, path).body };
}

export function catalogueItem(spec: ConnectionSpec | FlowSpec | undefined, collection: string, id: string): SimAnswer {
	if (!spec) throw notFound(collection, id);
	return { status: 200, body: { items: [spec] } };
}

export function listEligibleDatasets(call: Call, specId: string): SimAnswer {
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

export function listEntities(call: Call, collection: CollectionName): SimAnswer {
	const items = [...call.store.collection(collection).values()].map((entity) => renderEntity(call, collection, entity));
	return { status: 200, body: listAnswer(call, items, `/${collection}`, { field: 'createdAt', descending: true }).body };
}

export function getEntity(call: Call, collection: CollectionName, id: string): SimAnswer {
	// GET by ID answers a one-item list, as Flow Service does.
	return { status: 200, body: { items: [renderEntity(call, collection, entityOrNotFound(call, collection, id))] } };
}

export function deleteEntity(call: Call, collection: CollectionName, id: string): SimAnswer {
	entityOrNotFound(call, collection, id);
	refuseDeleteInUse(call.store, collection, id);
	call.store.collection(collection).delete(id);
	if (collection === 'flows') {
		for (const [runId, record] of call.store.runs) if (record.run.flowId === id) call.store.runs.delete(runId);
	}
	return { status: 202 };
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
export function renderFlow(call: Call, flow: FlowEntity): JsonObject {
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

// ---------------------------------------------------------------------------------------------
// Runs

export function listRuns(call: Call): SimAnswer {
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

export function getRun(call: Call, id: string): SimAnswer {
	const record = call.store.runs.get(id);
	if (!record) throw notFound('runs', id);
	return { status: 200, body: { items: [readRun(call.state, call.store, record)] } };
}
