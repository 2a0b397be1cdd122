/**
 * Sending what Dataflow → Patch planned: items that change the same dataflow go as one PATCH
 * (when their changes can be merged), built against the flow the item carries (no read) or as
 * read, and the flow is read afterwards only when the user asks for it.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PatchResult } from '../../api/flows';
import { getDataflow, patchDataflow, setDataflowState } from '../../api/flows';
import { dataflowItem } from '../../domain/dataflow';
import { buildPatch } from '../../domain/patch/buildPatch';
import type { DataflowChanges } from '../../domain/patch/changes';
import { hasChanges } from '../../domain/patch/changes';
import { mergeChanges } from '../../domain/patch/mergeChanges';
import { asParameterError } from '../../helpers/errors';

export interface PlannedPatch {
	itemIndex: number;
	flowId: string;
	changes: DataflowChanges;
	state: '' | 'enable' | 'disable';
	maxAttempts: number;
	readAfter: boolean;
	/** The flow as the input item shows it (with its etag), if it does. */
	known?: IDataObject;
}

/** Plans grouped by dataflow, in the order they came; one group per PATCH. */
export function batchesOf(plans: PlannedPatch[]): PlannedPatch[][] {
	const byFlow = new Map<string, PlannedPatch[]>();
	for (const plan of plans) byFlow.set(plan.flowId, [...(byFlow.get(plan.flowId) ?? []), plan]);
	const batches: PlannedPatch[][] = [];
	for (const group of byFlow.values()) {
		const sameState = group.every((plan) => plan.state === group[0].state);
		const merged = group.length > 1 && sameState ? mergeChanges(group.map((plan) => plan.changes)) : undefined;
		if (group.length === 1 || merged) batches.push(group);
		else batches.push(...group.map((plan) => [plan]));
	}
	return batches;
}

/** Applies one batch (one dataflow) and returns the item every one of its input items gets. */
export async function applyPatches(ctx: IExecuteFunctions, batch: PlannedPatch[], nowMs: number): Promise<IDataObject> {
	const [first] = batch;
	const { flowId, itemIndex, state } = first;
	const changes = batch.length === 1 ? first.changes : mergeChanges(batch.map((plan) => plan.changes))!;
	const known = batch.map((plan) => plan.known).find(Boolean);
	const maxAttempts = Math.max(...batch.map((plan) => plan.maxAttempts));

	let patch: PatchResult | undefined;
	if (hasChanges(changes)) {
		try {
			patch = await patchDataflow(ctx, flowId, (flow) => buildPatch(flow, changes, nowMs), { itemIndex, maxAttempts, known });
		} catch (error) {
			throw asParameterError(ctx.getNode(), error, itemIndex);
		}
	}

	let stateChanged = false;
	let etag = patch?.etag ?? (patch?.statusCode ? undefined : (patch?.before.etag ?? known?.etag));
	const currentState = String(patch?.before.state ?? known?.state ?? '').toLowerCase();
	if (state && currentState !== (state === 'enable' ? 'enabled' : 'disabled')) {
		const answer = await setDataflowState(ctx, flowId, state, itemIndex);
		stateChanged = true;
		etag = typeof answer.etag === 'string' ? answer.etag : undefined;
	}

	const applied: IDataObject = {
		operations: (patch?.operations ?? []) as unknown as IDataObject[],
		patchStatus: patch?.statusCode ?? null,
		attempts: patch?.attempts ?? 0,
		stateChanged,
		...(batch.length > 1 ? { mergedItems: batch.length } : {}),
	};
	if (batch.some((plan) => plan.readAfter)) {
		const flow = await getDataflow(ctx, flowId, itemIndex);
		return dataflowItem(flow, { ...applied, etag: flow.etag ?? etag ?? null });
	}
	return {
		id: flowId,
		etag: etag ?? null,
		changed: Boolean(patch?.statusCode) || stateChanged,
		...(stateChanged ? { state: state === 'enable' ? 'enabled' : 'disabled' } : {}),
		...applied,
	};
}
