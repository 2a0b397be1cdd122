/**
 * What Flow Service refuses to delete: a connection a dataflow still uses (Adobe: "delete
 * dataflows first"), and a base connection behind the target connections of a dataflow.
 */
import { flowServiceError } from './errors';
import type { CollectionName, SandboxStore } from './store';

function flowsUsing(store: SandboxStore, field: 'sourceConnectionIds' | 'targetConnectionIds', ids: string[]): string[] {
	return [...store.flows.values()].filter((flow) => flow[field].some((id) => ids.includes(id))).map((flow) => flow.id);
}

export function refuseDeleteInUse(store: SandboxStore, collection: CollectionName, id: string): void {
	let users: string[] = [];
	if (collection === 'sourceConnections') users = flowsUsing(store, 'sourceConnectionIds', [id]);
	if (collection === 'targetConnections') users = flowsUsing(store, 'targetConnectionIds', [id]);
	if (collection === 'connections') {
		const targets = [...store.targetConnections.values()].filter((target) => target.baseConnectionId === id).map((target) => target.id);
		users = flowsUsing(store, 'targetConnectionIds', targets);
	}
	if (users.length) {
		throw flowServiceError(400, `${collection} with id = [${id}] is used by dataflow(s) ${users.join(', ')}: delete the dataflows first`);
	}
}
