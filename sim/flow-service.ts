/**
 * Flow Service below `/data/foundation/flowservice`: the catalogue, connections, source and target
 * connections, dataflows (JSON Patch with etags, enable/disable) and runs, for one caller in one
 * sandbox. Request bodies are checked against the catalogue's JSON Schemas before anything is stored.
 *
 * This file routes a request to its handler: reads and deletes in flow-service-reads.ts, connections in
 * flow-service-connections.ts, dataflows in flow-service-flows.ts, what they share in flow-service-call.ts.
 */import { flowServiceError, plainError } from './errors';
import type { Call, FlowServiceConfig, FlowServiceRequest, SimAnswer } from './flow-service-call';
import { badRequest, safeDecode } from './flow-service-call';
import {
	createConnection,
	createSourceConnection,
	createTargetConnection,
	patchConnection,
} from './flow-service-connections';
import { createFlow, flowAction, patchFlow } from './flow-service-flows';
import {
	catalogueItem,
	deleteEntity,
	getEntity,
	getRun,
	listCatalogue,
	listEligibleDatasets,
	listEntities,
	listRuns,
} from './flow-service-reads';
import { BadQueryError } from './listing';
import type { CollectionName, SimulationState } from './store';

export type { FlowServiceConfig, FlowServiceRequest, SimAnswer } from './flow-service-call';

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
