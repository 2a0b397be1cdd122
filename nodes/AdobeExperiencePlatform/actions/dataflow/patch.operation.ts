import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { PatchResult } from '../../api/flows';
import { getDataflow, MAX_PATCH_ATTEMPTS, patchDataflow, setDataflowState } from '../../api/flows';
import { operationNotice } from '../../descriptions/common';
import { dataflowLocator } from '../../descriptions/locators';
import { DOCS } from '../../domain/constants';
import { dataflowItem } from '../../domain/dataflow';
import { DataflowInputError } from '../../domain/inputError';
import { buildPatch } from '../../domain/patch/buildPatch';
import type { JsonPatchOperation } from '../../domain/patch/changes';
import { hasChanges } from '../../domain/patch/changes';
import { showValue } from '../../domain/showValue';
import { asParameterError, withParameterErrors } from '../../helpers/errors';
import { executePerItem } from '../../helpers/execute';
import { getDataflowId } from '../../helpers/parameters';
import { invalidParameter, requireWholeNumber } from '../../helpers/validation';
import type { OperationsValue } from './patch.operationsField';
import { operationsParameter } from './patch.operationsField';
import { readChanges } from './patch.readChanges';

const properties: INodeProperties[] = [
	operationNotice(
		'Reads the dataflow, applies the operations in one JSON Patch computed against it (etags are handled for you), then outputs the dataflow as it now is.',
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
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataflow'], operation: ['patch'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const node = this.getNode();
		const flowId = getDataflowId(this, itemIndex);
		const operations = this.getNodeParameter('operations', itemIndex, {}) as OperationsValue;
		const state = this.getNodeParameter('state', itemIndex, '') as '' | 'enable' | 'disable';
		if (!['', 'enable', 'disable'].includes(state)) {
			throw invalidParameter(this, 'Enable or Disable', state, 'Allowed: "enable", "disable", or empty to leave the state.', itemIndex);
		}
		const options = this.getNodeParameter('options', itemIndex, {}) as { maxAttempts?: number };
		const maxAttempts = requireWholeNumber(
			this,
			'Attempts on Conflict',
			options.maxAttempts ?? MAX_PATCH_ATTEMPTS,
			1,
			10,
			itemIndex,
		);
		const nowMs = Date.now();
		const changes = withParameterErrors(node, itemIndex, () =>
			withOperationNamed(node, itemIndex, () => readChanges(operations, nowMs, this.getTimezone())),
		);
		if (!hasChanges(changes) && !state) {
			throw invalidParameter(
				this,
				'Operations',
				'none',
				'Add at least one operation, or choose Enable or Disable.',
				itemIndex,
			);
		}

		let patch: PatchResult | undefined;
		if (hasChanges(changes)) {
			try {
				patch = await patchDataflow(this, flowId, (flow) => buildPatch(flow, changes, nowMs), {
					itemIndex,
					maxAttempts,
				});
			} catch (error) {
				throw asParameterError(node, error, itemIndex);
			}
		}

		let stateChanged = false;
		const wanted = state === 'enable' ? 'enabled' : 'disabled';
		if (state && String(patch?.before.state ?? '').toLowerCase() !== wanted) {
			await setDataflowState(this, flowId, state, itemIndex);
			stateChanged = true;
		}

		const sent = Boolean(patch?.statusCode) || stateChanged;
		const flow = sent || !patch ? await getDataflow(this, flowId, itemIndex) : patch.before;
		const operationsSent: JsonPatchOperation[] = patch?.operations ?? [];
		return [
			dataflowItem(flow, {
				etag: flow.etag ?? patch?.etag ?? null,
				operations: operationsSent as unknown as IDataObject[],
				patchStatus: patch?.statusCode ?? null,
				attempts: patch?.attempts ?? 0,
				stateChanged,
			}),
		];
	});
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
