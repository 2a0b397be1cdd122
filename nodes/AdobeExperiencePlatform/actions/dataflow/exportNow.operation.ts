import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getDataflow } from '../../api/flows';
import { audienceLocator, AUDIENCE_ID_EXAMPLE } from '../../descriptions/audienceLocator';
import { operationNotice } from '../../descriptions/common';
import { dataflowLocator } from '../../descriptions/locators';
import { flowExportType } from '../../domain/dataflow';
import { executePerItem } from '../../helpers/execute';
import { locatorId } from '../../helpers/locatorId';
import { getDataflowId } from '../../helpers/parameters';
import { invalidParameter, requireUuid, requireWholeNumber } from '../../helpers/validation';
import { POLL_INTERVAL_SECONDS, TIMEOUT_SECONDS } from '../run/waitForRun';
import {
	audiencesToExport,
	datasetsOfFlow,
	startAudienceExports,
	startDatasetExport,
	waitForStartedRuns,
} from './exportNow.run';

const AD_HOC_DOCS = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/api/ad-hoc-activation-api';
const NOT_READY_SECONDS = { min: 0, max: 3600 };

const properties: INodeProperties[] = [
	operationNotice(
		'Starts an export now instead of waiting for the schedule: the chosen (or all) audiences of an audience dataflow, in jobs of at most 80, or the datasets of a dataset dataflow. Output: one item per run started.',
		AD_HOC_DOCS,
		"Adobe's ad hoc activation guide",
	),
	dataflowLocator(),
	{
		displayName: 'Audiences',
		name: 'audiences',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Audience',
		default: {},
		description: 'Audience dataflows only: the audiences to export. None: every audience of the dataflow.',
		options: [{ displayName: 'Audience', name: 'audience', values: [audienceLocator({ required: true })] }],
	},
	{
		displayName: 'Dataset IDs',
		name: 'datasetIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5ba9452c7bc8e0000061c4ba, 6bb9452c7bc8e0000061c4bb',
		description: 'Dataset dataflows only: the datasets to export, separated by commas. Empty: every dataset of the dataflow.',
	},
	{
		displayName: 'Wait for the Runs to Finish',
		name: 'waitForRuns',
		type: 'boolean',
		default: false,
		description: 'Whether to check the runs at an interval until they finish, and output their summaries (as Run → Get Many does)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Check Every (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				default: 60,
				typeOptions: { minValue: POLL_INTERVAL_SECONDS.min, maxValue: POLL_INTERVAL_SECONDS.max },
				description: 'With "Wait for the Runs to Finish": seconds between two checks of the runs',
			},
			{
				displayName: 'Retry Every (Seconds)',
				name: 'notReadyIntervalSeconds',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1, maxValue: 600 },
				description: 'Seconds between two tries while AEP answers that a new dataset dataflow is not ready',
			},
			{
				displayName: 'Retry While Not Ready (Seconds)',
				name: 'notReadySeconds',
				type: 'number',
				default: 300,
				typeOptions: { minValue: NOT_READY_SECONDS.min, maxValue: NOT_READY_SECONDS.max },
				description: 'For how long to try again while AEP answers "not ready for dataset export" (new dataset dataflows); 0 to not retry',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				default: 1800,
				typeOptions: { minValue: TIMEOUT_SECONDS.min, maxValue: TIMEOUT_SECONDS.max },
				description: 'With "Wait for the Runs to Finish": how long to wait; runs not finished by then are output with timedOut true',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataflow'], operation: ['exportNow'] } }, properties);

const DATASET_ID = /^[A-Za-z0-9_-]{1,64}$/;

function chosenAudiences(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const entries = (ctx.getNodeParameter('audiences.audience', itemIndex, []) as IDataObject[]) ?? [];
	return entries.map((entry) =>
		requireUuid(ctx, 'Audience', locatorId(entry.audience), `Allowed: an audience picked from the list, or its ID (a UUID such as ${AUDIENCE_ID_EXAMPLE}).`, itemIndex),
	);
}

function chosenDatasets(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('datasetIds', itemIndex, '') as unknown;
	const list = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(',');
	const ids = list.map((id) => id.trim()).filter(Boolean);
	const bad = ids.find((id) => !DATASET_ID.test(id));
	if (bad !== undefined) throw invalidParameter(ctx, 'Dataset IDs', raw, 'Allowed: dataset IDs separated by commas, such as 5ba9452c7bc8e0000061c4ba.', itemIndex);
	return [...new Set(ids)];
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const flowId = getDataflowId(this, itemIndex);
		const audiences = chosenAudiences(this, itemIndex);
		const datasets = chosenDatasets(this, itemIndex);
		const wait = this.getNodeParameter('waitForRuns', itemIndex, false) as boolean;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const seconds = (name: string, label: string, fallback: number, bounds: { min: number; max: number }) =>
			requireWholeNumber(this, label, options[name] ?? fallback, bounds.min, bounds.max, itemIndex) * 1000;
		const retry = {
			forMs: seconds('notReadySeconds', 'Retry While Not Ready (Seconds)', 300, NOT_READY_SECONDS),
			everyMs: seconds('notReadyIntervalSeconds', 'Retry Every (Seconds)', 30, { min: 1, max: 600 }),
		};
		const runWait = {
			intervalMs: seconds('pollIntervalSeconds', 'Check Every (Seconds)', 60, POLL_INTERVAL_SECONDS),
			timeoutMs: seconds('timeoutSeconds', 'Timeout (Seconds)', 1800, TIMEOUT_SECONDS),
		};

		const flow = await getDataflow(this, flowId, itemIndex);
		const type = flowExportType(flow);
		let started;
		let notReadyRetries = 0;
		if (type === 'audiences') {
			if (datasets.length) throw invalidParameter(this, 'Dataset IDs', datasets.join(', '), 'Allowed: empty for an audience dataflow (choose Audiences instead).', itemIndex);
			started = await startAudienceExports(this, flowId, audiencesToExport(this, flow, audiences, itemIndex), itemIndex);
		} else if (type === 'datasets') {
			if (audiences.length) throw invalidParameter(this, 'Audiences', audiences.join(', '), 'Allowed: none for a dataset dataflow (use Dataset IDs instead).', itemIndex);
			const ids = datasets.length ? datasets : await datasetsOfFlow(this, flow, itemIndex);
			({ started, notReadyRetries } = await startDatasetExport(this, flowId, ids, retry, itemIndex));
		} else {
			throw new NodeOperationError(this.getNode(), `Dataflow ${flowId} exports neither datasets nor audiences that AEP tells of`, {
				itemIndex,
				description: 'Add audiences to it first (Dataflow → Patch → Add Audience).',
			});
		}
		const base = { flowId, exportType: type };
		if (!wait) return started.map((run) => ({ ...base, exported: run.entityId, runId: run.runId, statusURL: run.statusURL, notReadyRetries }));
		const summaries = await waitForStartedRuns(this, started, runWait, itemIndex);
		return summaries.map((summary) => ({ ...base, ...summary, notReadyRetries }));
	});
}
