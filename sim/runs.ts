/**
 * Dataflow runs: a deterministic history for every new flow, runs added on demand, and runs that
 * move from in progress to a final status after a number of reads or a delay, so that Get Runs and
 * the run trigger have real, changing data to work on.
 */
import { createHash } from 'node:crypto';

import type { FlowEntity, JsonObject, RunRecord, SandboxStore, SimulationState } from './store';
import { uuidFrom } from './store';

/** The statuses Flow Service reports most; other strings are kept verbatim and treated as in progress. */
export type RunStatus = 'success' | 'failed' | 'partialSuccess' | 'inProgress' | (string & {});

export interface RunSettling {
	/** Reads (a list page or a GET by ID showing the run) before it shows its final status. */
	afterReads?: number;
	/** Milliseconds after its start before it shows its final status. */
	afterMs?: number;
	finalStatus?: RunStatus;
}

export interface NewRun {
	status: RunStatus;
	/** Start time in ms; defaults to now. */
	startedAtUTC?: number;
	/** How an in-progress run finishes; defaults to the simulation's `runSettling`. */
	settle?: RunSettling;
	/** Keep an in-progress run in progress until `finishRun` (a delayed run on demand). */
	hold?: boolean;
	/** Skipped records as a percentage of records read (skipped records on demand), 0-100. */
	skippedPercent?: number;
}

const COMPLETED = new Set(['success', 'failed', 'partialsuccess']);

export function isCompleted(status: string): boolean {
	return COMPLETED.has(status.toLowerCase());
}

/** A small deterministic generator (mulberry32) seeded from text. */
function randomFrom(seedText: string): () => number {
	let seed = createHash('sha1').update(seedText).digest().readUInt32LE(0);
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** What a run exported: the flow's datasets or audiences, as AEP names them in run summaries. */
function entitiesOf(store: SandboxStore, flow: FlowEntity): string[] {
	const entities: string[] = [];
	for (const id of flow.sourceConnectionIds) {
		const params = store.sourceConnections.get(id)?.params as { datasets?: Array<{ dataSetId?: string }> } | undefined;
		for (const dataset of params?.datasets ?? []) if (dataset.dataSetId) entities.push(`dataset:${dataset.dataSetId}`);
	}
	const transformation = flow.transformations[0] as
		| { params?: { segmentSelectors?: { selectors?: Array<{ value?: { id?: string } }> } } }
		| undefined;
	for (const selector of transformation?.params?.segmentSelectors?.selectors ?? []) {
		if (selector.value?.id) entities.push(`segment:${selector.value.id}`);
	}
	return entities;
}

interface RunShape {
	runId: string;
	status: string;
	startedAtUTC: number;
	completedAtUTC?: number;
	skippedPercent?: number;
}

function buildRun(state: SimulationState, store: SandboxStore, flow: FlowEntity, shape: RunShape): RunRecord['run'] {
	const random = randomFrom(shape.runId);
	const kind = shape.status.toLowerCase();
	const done = shape.completedAtUTC !== undefined;
	const input = done ? 1000 + Math.floor(random() * 900_000) : 0;
	const derivedSkipped = kind === 'success' || kind === 'partialsuccess' ? Math.floor(input * random() * 0.01) : 0;
	const skipped = shape.skippedPercent === undefined ? derivedSkipped : Math.floor((input * shape.skippedPercent) / 100);
	const failed = kind === 'failed' ? input : kind === 'partialsuccess' ? Math.floor((input - skipped) * (0.05 + random() * 0.2)) : 0;
	const output = done ? input - skipped - failed : 0;
	const bytesPerRecord = 80 + Math.floor(random() * 120);
	const files = done && output > 0 ? 1 + Math.floor(random() * 4) : 0;
	const errors =
		kind === 'failed'
			? [{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Job aborted.' }]
			: kind === 'partialsuccess'
				? [{ code: 'ACTIVATION_BATCH-0001-FAILED', message: 'Some records could not be written to the destination.' }]
				: [];
	const activityId = uuidFrom(`activity:${shape.runId}`);
	const durationSummary = {
		startedAtUTC: shape.startedAtUTC,
		...(done ? { completedAtUTC: shape.completedAtUTC } : {}),
	};
	const sizeSummary = done ? { inputBytes: input * bytesPerRecord, outputBytes: output * bytesPerRecord } : {};
	const recordSummary: JsonObject = {
		inputRecordCount: input,
		...(done ? { createdRecordCount: output, outputRecordCount: output } : {}),
		skippedRecordCount: skipped,
		...(failed ? { failedRecordCount: failed } : {}),
		sourceSummaries: flow.sourceConnectionIds.map((id) => ({
			id,
			inputRecordCount: input,
			skippedRecordCount: skipped,
			entitySummaries: entitiesOf(store, flow).map((entity) => ({ id: entity, inputRecordCount: input, skippedRecordCount: skipped })),
		})),
		...(done
			? {
					targetSummaries: flow.targetConnectionIds.map((id) => ({
						id,
						createdRecordCount: output,
						outputRecordCount: output,
						entitySummaries: entitiesOf(store, flow).map((entity) => ({ id: entity, createdRecordCount: output, outputRecordCount: output })),
					})),
				}
			: {}),
		...(skipped ? { skippedInfo: [{ code: 'ACTIVATION_BATCH-0000-SKIP', message: "Records didn't match attribute filter.", count: skipped }] } : {}),
		...(errors.length ? { failedInfo: errors } : {}),
	};
	const fileSummary = done ? { inputFileCount: files, outputFileCount: files } : {};
	const statusSummary = { status: shape.status, ...(errors.length ? { errors } : {}) };
	const updatedAt = shape.completedAtUTC ?? shape.startedAtUTC;
	return {
		id: shape.runId,
		createdAt: shape.startedAtUTC - 1000,
		updatedAt,
		createdBy: 'aep_activation_batch@AdobeID',
		updatedBy: 'acp_foundation_connectors@AdobeID',
		createdClient: 'aep_activation_batch',
		updatedClient: 'acp_foundation_connectors',
		sandboxId: store.id,
		sandboxName: store.name,
		imsOrgId: flow.imsOrgId,
		flowId: flow.id,
		flowSpec: { ...flow.flowSpec },
		providerRefId: createHash('md5').update(shape.runId).digest('hex'),
		etag: state.nextEtag(),
		metrics: {
			durationSummary,
			// A failed run reports no sizes or files (API reference, Batch_Flow_Run_Failure); its activity keeps them empty.
			...(done && kind !== 'failed' ? { sizeSummary, recordSummary, fileSummary } : { recordSummary }),
			statusSummary: { ...statusSummary, activityRefs: [activityId] },
		},
		activities: [
			{
				id: activityId,
				name: 'Activation Batch XdmProcessor Activity',
				updatedAtUTC: 0,
				durationSummary,
				latencySummary: {},
				sizeSummary,
				recordSummary: { ...recordSummary },
				fileSummary,
				statusSummary: { ...statusSummary, extensions: {} },
			},
		],
	};
}

/** A typical run length, the same for the same run ID. */
function durationOf(runId: string): number {
	return 60_000 + Math.floor(randomFrom(`duration:${runId}`)() * 540_000);
}

export function addRun(
	state: SimulationState,
	store: SandboxStore,
	flow: FlowEntity,
	request: NewRun,
	defaults: RunSettling,
): RunRecord {
	const index = [...store.runs.values()].filter((record) => record.run.flowId === flow.id).length;
	const runId = uuidFrom(`run:${flow.id}:${index}`);
	const startedAtUTC = request.startedAtUTC ?? state.now();
	const status = request.status;
	const completedAtUTC = isCompleted(status) ? startedAtUTC + durationOf(runId) : undefined;
	const skippedPercent = request.skippedPercent;
	const record: RunRecord = {
		run: buildRun(state, store, flow, { runId, status, startedAtUTC, completedAtUTC, skippedPercent }),
		startedAtUTC,
		...(skippedPercent === undefined ? {} : { skippedPercent }),
	};
	if (!isCompleted(status) && !request.hold) {
		const settle = { ...defaults, ...request.settle };
		if (settle.afterReads !== undefined || settle.afterMs !== undefined) {
			record.settle = {
				readsLeft: settle.afterReads,
				atMs: settle.afterMs === undefined ? undefined : startedAtUTC + settle.afterMs,
				finalStatus: settle.finalStatus ?? 'success',
			};
		}
	}
	store.runs.set(runId, record);
	return record;
}

/**
 * The history every new flow starts with: one run per status in `statuses` (oldest first), spaced
 * by the flow's schedule interval and ending at its creation.
 */
export function seedRunHistory(
	state: SimulationState,
	store: SandboxStore,
	flow: FlowEntity,
	statuses: RunStatus[],
	defaults: RunSettling,
): void {
	const schedule = flow.scheduleParams as { interval?: number; timeUnit?: string } | undefined;
	const hours = schedule?.timeUnit === 'day' ? 24 * (schedule.interval ?? 1) : (schedule?.interval ?? 24);
	const spacing = hours * 3_600_000;
	statuses.forEach((status, index) => {
		addRun(state, store, flow, { status, startedAtUTC: flow.createdAt - (statuses.length - 1 - index) * spacing }, defaults);
	});
}

/** Finishes an in-progress run whose time has come or whose reads are used up (counts no read). */
export function settleIfDue(state: SimulationState, store: SandboxStore, record: RunRecord): void {
	const settle = record.settle;
	if (!settle) return;
	const now = state.now();
	const due = (settle.atMs !== undefined && now >= settle.atMs) || (settle.readsLeft !== undefined && settle.readsLeft <= 0);
	if (!due) return;
	const flow = store.flows.get(record.run.flowId);
	if (flow) {
		const completedAtUTC = Math.max(record.startedAtUTC + 1, Math.min(record.startedAtUTC + durationOf(record.run.id), now));
		record.run = buildRun(state, store, flow, {
			runId: record.run.id,
			status: settle.finalStatus,
			startedAtUTC: record.startedAtUTC,
			completedAtUTC,
			skippedPercent: record.skippedPercent,
		});
	}
	record.settle = undefined;
}

/** Ends a run (held or not) with this status at the next read. */
export function finishRun(state: SimulationState, store: SandboxStore, record: RunRecord, status: RunStatus): RunRecord['run'] {
	record.settle = { readsLeft: 0, finalStatus: status };
	settleIfDue(state, store, record);
	return record.run;
}

/**
 * Moves a flow's whole run history back in time, so its last run looks older than its schedule
 * allows (an expected run missing, on demand).
 */
export function shiftRuns(state: SimulationState, store: SandboxStore, flow: FlowEntity, ms: number): number {
	let moved = 0;
	for (const record of store.runs.values()) {
		if (record.run.flowId !== flow.id) continue;
		const duration = (record.run.metrics as { durationSummary?: { completedAtUTC?: number } }).durationSummary;
		const status = String((record.run.metrics as { statusSummary: { status: string } }).statusSummary.status);
		record.startedAtUTC -= ms;
		if (record.settle?.atMs !== undefined) record.settle.atMs -= ms;
		const completedAtUTC = duration?.completedAtUTC === undefined ? undefined : duration.completedAtUTC - ms;
		record.run = buildRun(state, store, flow, {
			runId: record.run.id,
			status,
			startedAtUTC: record.startedAtUTC,
			completedAtUTC,
			skippedPercent: record.skippedPercent,
		});
		moved++;
	}
	return moved;
}

/** The run as a reader sees it now; the read is counted towards `afterReads`. */
export function readRun(state: SimulationState, store: SandboxStore, record: RunRecord): RunRecord['run'] {
	settleIfDue(state, store, record);
	if (record.settle?.readsLeft !== undefined) record.settle.readsLeft--;
	return record.run;
}

/** The newest run of a flow, as `lastRunDetails` summarises it (without counting a read). */
export function lastRunDetails(store: SandboxStore, flowId: string): JsonObject | undefined {
	let newest: RunRecord | undefined;
	for (const record of store.runs.values()) {
		if (record.run.flowId === flowId && (!newest || record.startedAtUTC > newest.startedAtUTC)) newest = record;
	}
	if (!newest) return undefined;
	const metrics = newest.run.metrics as { durationSummary: JsonObject; statusSummary: { status: string } };
	return {
		id: newest.run.id,
		state: metrics.statusSummary.status,
		startedAtUTC: metrics.durationSummary.startedAtUTC,
		...(metrics.durationSummary.completedAtUTC !== undefined ? { completedAtUTC: metrics.durationSummary.completedAtUTC } : {}),
	};
}
