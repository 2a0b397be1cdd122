/** The facts about a destination dataflow a next node needs first, read from the flow as AEP gives it. */
import type { IDataObject } from 'n8n-workflow';

import { DATA_LAKE_SOURCE_SPEC_ID, PROFILE_STORE_SOURCE_SPEC_ID } from './constants';

/**
 * Whether a flow exports datasets or audiences: its source connection's spec (Data Lake or Profile
 * store) when AEP tells it, else a schedule (dataset flows) or selectors (audience flows); undefined
 * when nothing tells (an audience flow created with `transformations: []`, as "Activate audiences to file-based destinations by using the Flow Service API" does).
 */
export function flowExportType(flow: IDataObject): 'datasets' | 'audiences' | undefined {
	const sources = ((flow.inheritedAttributes as IDataObject | undefined)?.sourceConnections ?? []) as IDataObject[];
	const sourceSpec = ((sources[0]?.connectionSpec ?? {}) as IDataObject).id;
	if (sourceSpec === DATA_LAKE_SOURCE_SPEC_ID) return 'datasets';
	if (sourceSpec === PROFILE_STORE_SOURCE_SPEC_ID) return 'audiences';
	if (flow.scheduleParams !== undefined) return 'datasets';
	if (Array.isArray(flow.transformations) && flow.transformations.length > 0) return 'audiences';
	return undefined;
}

function selectorsOf(flow: IDataObject, key: 'segmentSelectors' | 'profileSelectors'): IDataObject[] {
	const transformations = Array.isArray(flow.transformations) ? (flow.transformations as IDataObject[]) : [];
	const result: IDataObject[] = [];
	for (const transformation of transformations) {
		const selectors = ((transformation?.params as IDataObject | undefined)?.[key] as IDataObject | undefined)?.selectors;
		if (Array.isArray(selectors)) result.push(...(selectors as IDataObject[]));
	}
	return result;
}

/** The audiences in a dataflow: ID, name and how they are exported (either template spelling). */
export function dataflowAudiences(flow: IDataObject): IDataObject[] {
	return selectorsOf(flow, 'segmentSelectors').map((selector) => {
		const value = (selector.value ?? {}) as IDataObject;
		const schedule = (value.schedule ?? {}) as IDataObject;
		return {
			id: value.id ?? null,
			name: value.name ?? null,
			exportMode: value.exportMode ?? null,
			frequency: schedule.frequency ?? null,
			filenameTemplate: value.filenameTemplate ?? value.fileNameTemplate ?? null,
		};
	});
}

export function dataflowProfileAttributes(flow: IDataObject): string[] {
	return selectorsOf(flow, 'profileSelectors')
		.map((selector) => (selector.value as IDataObject | undefined)?.path)
		.filter((path): path is string => typeof path === 'string');
}

/** Key facts first (for expressions in the next node), then the whole flow. */
export function dataflowItem(flow: IDataObject, extra: IDataObject = {}): IDataObject {
	const flowSpec = (flow.flowSpec ?? {}) as IDataObject;
	const targets = ((flow.inheritedAttributes as IDataObject | undefined)?.targetConnections ?? []) as IDataObject[];
	const destinationSpecId = ((targets[0]?.connectionSpec ?? {}) as IDataObject).id ?? null;
	return {
		id: flow.id,
		etag: flow.etag ?? null,
		name: flow.name ?? null,
		state: flow.state ?? null,
		flowSpecId: flowSpec.id ?? null,
		destinationSpecId,
		exportType: flowExportType(flow) ?? null,
		sourceConnectionIds: flow.sourceConnectionIds ?? [],
		targetConnectionIds: flow.targetConnectionIds ?? [],
		scheduleParams: flow.scheduleParams ?? null,
		audiences: dataflowAudiences(flow),
		profileAttributes: dataflowProfileAttributes(flow),
		...extra,
		dataflow: flow,
	};
}

export interface FlowSpecRef {
	id: string;
	version: string;
	name?: string;
}

/**
 * Whether an existing dataflow with the name is the same thing for "Reuse It": the same flow spec,
 * source connection and target connection, i.e. the same data to the same place. As for connections
 * (issue 12: look up by name within the identity, create when nothing matches), one that connects
 * other things is not a reason to fail: another dataflow is created beside it.
 */
export function isSameDataflow(
	existing: IDataObject,
	flowSpec: FlowSpecRef,
	sourceConnectionId: string,
	targetConnectionId: string,
): boolean {
	const existingSpec = (existing.flowSpec as IDataObject | undefined)?.id;
	if (existingSpec !== undefined && existingSpec !== flowSpec.id) return false;
	const sources = (existing.sourceConnectionIds ?? []) as string[];
	if (sources.length && !sources.includes(sourceConnectionId)) return false;
	const targets = (existing.targetConnectionIds ?? []) as string[];
	return !(targets.length && !targets.includes(targetConnectionId));
}


/**
 * The dataflow as the incoming item already shows it, so that a change can be computed without
 * reading it again: the `dataflow` of a Get (or an earlier Patch), or the ID, etag and
 * transformations Create Dataflow outputs. Undefined when the item has no etag or no layout (the
 * flow is then read first). A stale item costs nothing extra: AEP answers 412 and the flow is read.
 */
export function flowFromItem(json: IDataObject, flowId: string): IDataObject | undefined {
	const whole = json.dataflow as IDataObject | undefined;
	if (whole && typeof whole === 'object' && whole.id === flowId && typeof whole.etag === 'string') return whole;
	if (json.id !== flowId || typeof json.etag !== 'string' || !json.etag || !Array.isArray(json.transformations)) {
		return undefined;
	}
	const flow: IDataObject = { id: json.id, etag: json.etag, transformations: json.transformations };
	for (const key of ['name', 'description', 'flowSpec', 'scheduleParams', 'state', 'inheritedAttributes'] as const) {
		if (json[key] !== undefined && json[key] !== null) flow[key] = json[key];
	}
	return flow;
}
