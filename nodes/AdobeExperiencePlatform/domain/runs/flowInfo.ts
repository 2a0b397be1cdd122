/**
 * What a destination dataflow says about itself that alerts need: its name, its destination
 * (name, connection spec, export type), how often it should run and when it ends. Pure: the
 * trigger reads the flows, this reads the fields.
 *
 * `dataflowNames` is the one place run summaries get names from (Get Runs and the trigger).
 */
import type { IDataObject } from 'n8n-workflow';

import { FALLBACK_DESTINATIONS } from '../catalogue';
import { DATA_LAKE_SOURCE_SPEC_ID, PROFILE_STORE_SOURCE_SPEC_ID } from '../constants';
import { numberAt } from './runSummary';

const HOUR_MS = 3_600_000;

function objectAt(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function listAt(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.map(objectAt) : [];
}

/** The destination's connection spec: `inheritedAttributes.targetConnections[0].connectionSpec.id`. */
export function destinationSpecIdOf(flow: IDataObject): string | null {
	const [target] = listAt(objectAt(flow.inheritedAttributes).targetConnections);
	const id = objectAt(target?.connectionSpec).id;
	return typeof id === 'string' ? id : null;
}

/** 'datasets' when the source is the Data Lake, 'audiences' when it is the Profile store. */
export function exportTypeOf(flow: IDataObject): 'datasets' | 'audiences' | null {
	for (const source of listAt(objectAt(flow.inheritedAttributes).sourceConnections)) {
		const spec = objectAt(source.connectionSpec).id;
		if (spec === DATA_LAKE_SOURCE_SPEC_ID) return 'datasets';
		if (spec === PROFILE_STORE_SOURCE_SPEC_ID) return 'audiences';
	}
	if (objectAt(objectAt(listAt(flow.transformations)[0]).params).segmentSelectors) return 'audiences';
	return null;
}

/** A destination's name from Adobe's tutorials' table, or null for another connection spec. */
export function knownDestinationName(specId: string | null): string | null {
	return FALLBACK_DESTINATIONS.find((destination) => destination.connectionSpecId === specId)?.name ?? null;
}

/** The names a message needs; null where the flow was not read. Destination names come from Adobe's tutorials' table. */
export function dataflowNames(flow: IDataObject | undefined): IDataObject {
	const specId = flow ? destinationSpecIdOf(flow) : null;
	return {
		dataflowName: typeof flow?.name === 'string' ? flow.name : null,
		destinationName: knownDestinationName(specId) ?? specId,
		destinationId: specId,
		exportType: flow ? exportTypeOf(flow) : null,
	};
}

/** Epoch seconds or milliseconds → ms (dataset `scheduleParams` are in seconds). */
function toMs(value: unknown): number | null {
	const number = numberAt(value);
	if (number === null) return null;
	return number < 1e11 ? number * 1000 : number;
}

const FREQUENCY_HOURS: Record<string, number> = {
	DAILY: 24,
	EVERY_3_HOURS: 3,
	EVERY_6_HOURS: 6,
	EVERY_8_HOURS: 8,
	EVERY_12_HOURS: 12,
};

/**
 * How often the dataflow should start a run (ms), or null when it is not on a repeating schedule:
 * dataset flows from `scheduleParams` (`timeUnit` hour/day, `interval`), audience flows from the
 * shortest `frequency` of their selectors' schedules (ONCE repeats nothing).
 */
export function scheduleIntervalMs(flow: IDataObject): number | null {
	const schedule = objectAt(flow.scheduleParams);
	const interval = numberAt(schedule.interval);
	if (interval !== null && interval > 0) {
		const unit = String(schedule.timeUnit ?? '').toLowerCase();
		if (unit === 'hour') return interval * HOUR_MS;
		if (unit === 'day') return interval * 24 * HOUR_MS;
		if (unit === 'minute') return interval * 60_000;
	}
	const selectors = listAt(objectAt(objectAt(objectAt(listAt(flow.transformations)[0]).params).segmentSelectors).selectors);
	const hours = selectors
		.map((selector) => FREQUENCY_HOURS[String(objectAt(objectAt(selector.value).schedule).frequency ?? '').toUpperCase()])
		.filter((value): value is number => value !== undefined);
	return hours.length ? Math.min(...hours) * HOUR_MS : null;
}

/** When the schedule starts (ms): dataset `scheduleParams.startTime`, else the flow's creation. */
export function scheduleStartMs(flow: IDataObject): number | null {
	return toMs(objectAt(flow.scheduleParams).startTime) ?? numberAt(flow.createdAt);
}

/** A dataset dataflow's `scheduleParams.endTime` in ms, or null. */
export function scheduleEndMs(flow: IDataObject): number | null {
	return toMs(objectAt(flow.scheduleParams).endTime);
}

/** Disabled dataflows run nothing, so no run is missing. */
export function isFlowEnabled(flow: IDataObject): boolean {
	return typeof flow.state !== 'string' || flow.state.toLowerCase() !== 'disabled';
}

/**
 * The address of the dataflow's page in the Experience Platform UI. Inferred, not documented by
 * Adobe: the UI's hash routes `#/@<org>/sname:<sandbox>/platform/destination/browse/<flowId>`
 * (the org part is left out when not given; Experience Cloud then picks the user's default org).
 */
export function dataflowUiUrl(flowId: unknown, sandboxName: unknown, uiOrganization?: string): string | null {
	if (typeof flowId !== 'string' || flowId === '') return null;
	const org = uiOrganization?.trim().replace(/^@/, '');
	const sandbox = typeof sandboxName === 'string' && sandboxName ? `sname:${encodeURIComponent(sandboxName)}/` : '';
	return `https://experience.adobe.com/#/${org ? `@${encodeURIComponent(org)}/` : ''}${sandbox}platform/destination/browse/${encodeURIComponent(flowId)}`;
}
