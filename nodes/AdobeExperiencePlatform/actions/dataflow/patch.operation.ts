import type { IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { MAX_PATCH_ATTEMPTS } from '../../api/flows';
import { operationNotice } from '../../descriptions/common';
import { dataflowLocator } from '../../descriptions/locators';
import { DOCS } from '../../domain/constants';
import { flowFromItem } from '../../domain/dataflow';
import { DataflowInputError } from '../../domain/inputError';
import { hasChanges } from '../../domain/patch/changes';
import { showValue } from '../../domain/showValue';
import { withParameterErrors } from '../../helpers/errors';
import { asNodeError, errorItem, pairResults } from '../../helpers/execute';
import { getDataflowId } from '../../helpers/parameters';
import { invalidParameter, requireWholeNumber } from '../../helpers/validation';
import type { PlannedPatch } from './patch.apply';
import { applyPatches, batchesOf } from './patch.apply';
import type { OperationsValue } from './patch.operationsField';
import { operationsParameter } from './patch.operationsField';
import { readChanges } from './patch.readChanges';

const properties: INodeProperties[] = [
	operationNotice(
		'Applies the operations in one JSON Patch computed against the dataflow (the one the input item carries with its etag, else as read; etags are handled for you). Items for the same dataflow are sent as one patch. Outputs what was applied and the new etag.',
		DOCS.activateAudiences,
	),
	dataflowLocator(),
	operationsParameter,
	{
		displayName: 'Enable or Disable',
		name: 'state',
		type: 'options',
		default: '',
		options: [
			{ name: "Don't Change", value: '' },
			{ name: 'Disable', value: 'disable', description: 'Pause the dataflow' },
			{ name: 'Enable', value: 'enable', description: 'Resume the dataflow' },
		],
		description: 'Whether to enable or disable the dataflow after the operations',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Attempts on Conflict',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: MAX_PATCH_ATTEMPTS,
				description:
					'How many times to read the dataflow and send the patch when AEP answers 412 because someone else changed it in between',
			},
			{
				displayName: 'Output the Dataflow as It Now Is',
				name: 'readAfter',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the dataflow after the change and output all of it (one more request per dataflow)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataflow'], operation: ['patch'] } }, properties);

/** Everything one item asks for, checked before any request. */
function planItem(ctx: IExecuteFunctions, itemIndex: number, nowMs: number): PlannedPatch {
	const node = ctx.getNode();
	const flowId = getDataflowId(ctx, itemIndex);
	const operations = ctx.getNodeParameter('operations', itemIndex, {}) as OperationsValue;
	const state = ctx.getNodeParameter('state', itemIndex, '') as '' | 'enable' | 'disable';
	if (!['', 'enable', 'disable'].includes(state)) {
		throw invalidParameter(ctx, 'Enable or Disable', state, 'Allowed: "enable", "disable", or empty to leave the state.', itemIndex);
	}
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { maxAttempts?: number; readAfter?: boolean };
	const maxAttempts = requireWholeNumber(ctx, 'Attempts on Conflict', options.maxAttempts ?? MAX_PATCH_ATTEMPTS, 1, 10, itemIndex);
	const changes = withParameterErrors(node, itemIndex, () =>
		withOperationNamed(node, itemIndex, () => readChanges(operations, nowMs, ctx.getTimezone())),
	);
	if (!hasChanges(changes) && !state) {
		throw invalidParameter(ctx, 'Operations', 'none', 'Add at least one operation, or choose Enable or Disable.', itemIndex);
	}
	const known = flowFromItem(ctx.getInputData()[itemIndex]?.json ?? {}, flowId);
	return { itemIndex, flowId, changes, state, maxAttempts, readAfter: options.readAfter === true, known };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const nowMs = Date.now();
	const outputs: INodeExecutionData[][] = items.map(() => []);
	const plans: PlannedPatch[] = [];
	const fail = (error: unknown, itemIndex: number) => {
		if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
		outputs[itemIndex] = [errorItem(error, itemIndex)];
	};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			plans.push(planItem(this, itemIndex, nowMs));
		} catch (error) {
			fail(error, itemIndex);
		}
	}
	for (const batch of batchesOf(plans)) {
		try {
			const result = await applyPatches(this, batch, nowMs);
			for (const plan of batch) outputs[plan.itemIndex] = pairResults(this, [result], plan.itemIndex);
		} catch (error) {
			for (const plan of batch) fail(error, plan.itemIndex);
		}
	}
	return [outputs.flat()];
}

/**
 * An input error inside one of the operations, named by it and its position as the form shows
 * them: "Add Audience 2: Invalid File Name Template: …".
 */
function withOperationNamed<T>(node: INode, itemIndex: number, read: () => T): T {
	let failure: unknown;
	try {
		return read();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof DataflowInputError && failure.operation) {
		const { operation, parameter, value, allowed } = failure;
		throw new NodeOperationError(node, `${operation}: Invalid ${parameter}: ${showValue(value)}. ${allowed}`, {
			itemIndex,
			description: `In "${operation}", "${parameter}" must be: ${allowed}`,
		});
	}
	throw failure;
}
