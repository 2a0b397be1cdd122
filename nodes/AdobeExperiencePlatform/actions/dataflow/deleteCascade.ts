/**
 * Dataflow → Delete, with its connections. Adobe's order: the dataflow first (a connection can't be
 * deleted while a dataflow uses it), then its target and source connections, then the base
 * connection behind the targets. A connection another dataflow still uses is kept and said so.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Collection } from '../../api/paths';
import { deleteRecord, getRecord, listRecords } from '../../api/records';

export interface CascadeChoice {
	connections: boolean;
	baseConnections: boolean;
}

export interface KeptConnection {
	id: string;
	kind: string;
	reason: string;
}

export interface CascadeResult {
	deletedTargetConnections: string[];
	deletedSourceConnections: string[];
	deletedBaseConnections: string[];
	kept: KeptConnection[];
}

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Dataflows other than `flowId` that use a connection (`sourceConnectionIds` or `targetConnectionIds`). */
async function otherFlows(
	ctx: IExecuteFunctions,
	field: 'sourceConnectionIds' | 'targetConnectionIds',
	connectionIds: string[],
	flowId: string,
	itemIndex: number,
): Promise<string[]> {
	if (connectionIds.length === 0) return [];
	const flows = await listRecords(ctx, 'flows', [`${field}[]==${connectionIds.join(',')}`], { itemIndex });
	return flows.map((flow) => String(flow.id)).filter((id) => id !== flowId);
}

/** Connections of the flow that only it uses, and the reasons others are kept. Read before anything is deleted. */
export async function planCascade(ctx: IExecuteFunctions, flow: IDataObject, choice: CascadeChoice, itemIndex: number) {
	const flowId = String(flow.id);
	const plan = { targets: [] as string[], sources: [] as string[], bases: [] as string[], kept: [] as KeptConnection[] };
	if (!choice.connections) return plan;
	const consider = async (field: 'sourceConnectionIds' | 'targetConnectionIds', kind: string, into: string[]) => {
		for (const id of ids(flow[field])) {
			const others = await otherFlows(ctx, field, [id], flowId, itemIndex);
			if (others.length) plan.kept.push({ id, kind, reason: `also used by dataflow ${others.join(', ')}` });
			else into.push(id);
		}
	};
	await consider('targetConnectionIds', 'target connection', plan.targets);
	await consider('sourceConnectionIds', 'source connection', plan.sources);
	if (!choice.baseConnections) return plan;
	const baseIds = new Set<string>();
	for (const targetId of plan.targets) {
		const target = await getRecord(ctx, 'targetConnections', targetId, itemIndex);
		if (typeof target.baseConnectionId === 'string') baseIds.add(target.baseConnectionId);
	}
	for (const baseId of baseIds) {
		// Other target connections on the same base, and whether any dataflow uses them.
		const targets = await listRecords(ctx, 'targetConnections', [`baseConnectionId==${baseId}`], { itemIndex });
		const otherTargets = targets.map((target) => String(target.id)).filter((id) => !plan.targets.includes(id));
		const users = await otherFlows(ctx, 'targetConnectionIds', otherTargets, flowId, itemIndex);
		if (users.length) plan.kept.push({ id: baseId, kind: 'base connection', reason: `used by dataflow ${users.join(', ')}` });
		else plan.bases.push(baseId);
	}
	return plan;
}

/** Deletes in Adobe's order; the flow itself first. */
export async function deleteInOrder(
	ctx: IExecuteFunctions,
	flowId: string,
	plan: Awaited<ReturnType<typeof planCascade>>,
	itemIndex: number,
): Promise<CascadeResult> {
	await deleteRecord(ctx, 'flows', flowId, itemIndex);
	const steps: Array<[Collection, string[]]> = [
		['targetConnections', plan.targets],
		['sourceConnections', plan.sources],
		['baseConnections', plan.bases],
	];
	for (const [collection, list] of steps) {
		for (const id of list) await deleteRecord(ctx, collection, id, itemIndex);
	}
	return {
		deletedTargetConnections: plan.targets,
		deletedSourceConnections: plan.sources,
		deletedBaseConnections: plan.bases,
		kept: plan.kept,
	};
}
