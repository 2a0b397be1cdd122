import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { listDestinationDataflows, readDataflowNames } from '../AdobeExperiencePlatform/api/flows';
import { listRuns } from '../AdobeExperiencePlatform/api/runs';
import { dataflowLocator } from '../AdobeExperiencePlatform/descriptions/locators';
import { DOCS } from '../AdobeExperiencePlatform/domain/constants';
import type { DataflowNames } from '../AdobeExperiencePlatform/domain/runs/runNames';
import { withDataflowNames } from '../AdobeExperiencePlatform/domain/runs/runNames';
import { summariseRun } from '../AdobeExperiencePlatform/domain/runs/runSummary';
import type { RunEvent } from '../AdobeExperiencePlatform/domain/runs/runWatch';
import {
	advanceState,
	BASELINE_LOOKBACK_MS,
	baselineState,
	matchesEvent,
	readState,
	windowStart,
} from '../AdobeExperiencePlatform/domain/runs/runWatch';
import { checkDataflowId, getDataflowId } from '../AdobeExperiencePlatform/helpers/parameters';
import { invalidParameter } from '../AdobeExperiencePlatform/helpers/validation';
import { searchDestinationDataflows } from '../AdobeExperiencePlatform/methods/listSearch';
import { MAX_PAGE_SIZE } from '../AdobeExperiencePlatform/transport';
import { CREDENTIAL_NAME } from '../AdobeExperiencePlatform/transport/constants';

const STATE_KEY = 'runWatch';
const EVENTS: RunEvent[] = ['anyFinished', 'failed', 'partialSuccess', 'success'];

export class AdobeExperiencePlatformTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe Experience Platform Trigger',
		name: 'adobeExperiencePlatformTrigger',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + $parameter["event"]}}',
		description: 'Starts the workflow when an Adobe Experience Platform dataflow run finishes',
		defaults: { name: 'Adobe Experience Platform Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: `Emits each finished run once, with the same fields as Run → Get Many. Runs that finished before the workflow was published are not emitted. <a href="${DOCS.runs}" target="_blank">Adobe's reference</a>`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				default: 'one',
				options: [
					{
						name: 'All Destination Dataflows',
						value: 'all',
						description: 'Every destination dataflow in the credential’s sandbox, including ones created later',
					},
					{ name: 'One Dataflow', value: 'one' },
					{ name: 'Several Dataflows', value: 'several' },
				],
			},
			dataflowLocator({
				default: { mode: 'list', value: '' },
				description: 'The destination dataflow whose runs to watch',
				displayOptions: { show: { watch: ['one'] } },
			}),
			{
				displayName: 'Dataflows',
				name: 'dataflows',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Dataflow',
				default: {},
				displayOptions: { show: { watch: ['several'] } },
				options: [
					{
						displayName: 'Dataflow',
						name: 'dataflowValues',
						values: [dataflowLocator({ default: { mode: 'list', value: '' } })],
					},
				],
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'failed',
				options: [
					{ name: 'Any Run Finished', value: 'anyFinished', description: 'Whatever its outcome' },
					{ name: 'Run Failed', value: 'failed' },
					{ name: 'Run Partially Succeeded', value: 'partialSuccess' },
					{ name: 'Run Succeeded', value: 'success' },
				],
			},
		],
	};

	methods = { listSearch: { searchDestinationDataflows } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as RunEvent;
		if (!EVENTS.includes(event)) {
			throw invalidParameter(this, 'Event', event, `Allowed: ${EVENTS.join(', ')}.`);
		}
		const watched = await watchedDataflows(this);

		if (this.getMode() === 'manual') {
			// A sample for building the workflow: the newest run that fits the event, else the newest
			// run. Static data is left alone, so publishing later still starts from a clean baseline.
			const runs = await listRuns(this, { flowIds: watched.flowIds, limit: MAX_PAGE_SIZE });
			const sample = runs.find((run) => matchesEvent(run, event)) ?? runs[0];
			if (!sample) {
				throw new NodeOperationError(this.getNode(), 'No runs found for the watched dataflows', {
					description: 'A dataflow has runs once its schedule has started. Try again after its first run.',
				});
			}
			return [this.helpers.returnJsonArray(await summariesWithNames(this, [sample], watched.flows))];
		}

		const staticData = this.getWorkflowStaticData('node');
		const previous = readState(staticData[STATE_KEY]);
		if (!previous || previous.watchKey !== watched.key) {
			const now = Date.now();
			const runs = await listRuns(this, {
				flowIds: watched.flowIds,
				startedAfter: now - BASELINE_LOOKBACK_MS,
			});
			staticData[STATE_KEY] = baselineState(watched.key, runs, now);
			return null;
		}

		const runs = await listRuns(this, { flowIds: watched.flowIds, startedAfter: windowStart(previous) });
		const { state, emit } = advanceState(previous, runs, event);
		staticData[STATE_KEY] = state;
		return emit.length ? [this.helpers.returnJsonArray(await summariesWithNames(this, emit, watched.flows))] : null;
	}
}

/** Run summaries with the dataflow's and destination's names: one read per distinct dataflow, none when listed already. */
async function summariesWithNames(ctx: IPollFunctions, runs: IDataObject[], known?: IDataObject[]): Promise<IDataObject[]> {
	// The names are for reading: a dataflow deleted since its run (or a failed read) leaves them null
	// rather than losing the run, which the poll has already counted as seen.
	const names = await readDataflowNames(ctx, runs.map((run) => String(run.flowId)), undefined, known).catch(
		() => new Map<string, DataflowNames>(),
	);
	return runs.map((run) => withDataflowNames(summariseRun(run), names.get(String(run.flowId))));
}

/** The dataflow IDs to watch, checked before any request, and a key that changes when the choice does. */
async function watchedDataflows(
	ctx: IPollFunctions,
): Promise<{ key: string; flowIds: string[]; flows?: IDataObject[] }> {
	const watch = ctx.getNodeParameter('watch') as string;
	if (watch === 'all') {
		const flows = await listDestinationDataflows(ctx);
		return { key: 'all', flowIds: [...new Set(flows.map((flow) => String(flow.id)))], flows };
	}
	if (watch === 'one') {
		const flowId = getDataflowId(ctx);
		return { key: `ids:${flowId}`, flowIds: [flowId] };
	}
	if (watch !== 'several') throw invalidParameter(ctx, 'Watch', watch, 'Allowed: all, one, several.');
	const entries = ctx.getNodeParameter('dataflows.dataflowValues', []) as Array<{ dataflow?: unknown }>;
	if (entries.length === 0) throw invalidParameter(ctx, 'Dataflows', [], 'Allowed: at least one dataflow.');
	const flowIds = [
		...new Set(entries.map((entry) => checkDataflowId(ctx, locatorValue(entry.dataflow), 'Dataflows'))),
	];
	return { key: `ids:${[...flowIds].sort().join(',')}`, flowIds };
}

/** A resource locator inside a fixed collection arrives as `{ __rl, mode, value }`. */
function locatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && 'value' in value) return (value as { value: unknown }).value;
	return value;
}
