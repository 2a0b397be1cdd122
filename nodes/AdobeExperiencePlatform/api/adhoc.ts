/**
 * "Export now" through Adobe's Ad Hoc Activation API: audiences with v2 (no export job ID), at most
 * 80 audiences a call; datasets with the dataset variant of the same endpoint. Each answer names
 * the Flow Service run it started (`statusURL` ends with the run ID).
 */
import type { IDataObject } from 'n8n-workflow';

import { PLATFORM_PATHS } from './paths';

import type { AepContext } from '../transport';
import { aepRequest } from '../transport';

export const AUDIENCE_ADHOC_ACCEPT = 'application/vnd.adobe.adhoc.activation+json; version=2';
export const DATASET_ADHOC_ACCEPT = 'application/vnd.adobe.adhoc.dataset.activation+json; version=1';
/** Ad hoc activation guardrail: at most 80 audiences per job. */
export const MAX_AUDIENCES_PER_ADHOC_RUN = 80;

export interface StartedRun {
	/** The audience or dataset exported. */
	entityId: string;
	runId: string | null;
	statusURL: string | null;
}

export function runIdOf(statusURL: unknown): string | null {
	if (typeof statusURL !== 'string') return null;
	const match = /\/runs\/([^/?#]+)/.exec(statusURL);
	return match ? decodeURIComponent(match[1]) : null;
}

/** One ad hoc activation job for up to 80 audiences of one dataflow. */
export async function activateAudiencesNow(
	ctx: AepContext,
	flowId: string,
	audienceIds: string[],
	itemIndex?: number,
): Promise<StartedRun[]> {
	const response = await aepRequest<{ order?: IDataObject[] }>(ctx, {
		method: 'POST',
		path: PLATFORM_PATHS.adhocRun,
		otherService: true,
		headers: { Accept: AUDIENCE_ADHOC_ACCEPT },
		body: { activationInfo: { [flowId]: audienceIds } },
		itemIndex,
	});
	const order = Array.isArray(response.body?.order) ? response.body.order : [];
	return order.map((entry) => ({
		entityId: String(entry.segment ?? ''),
		runId: runIdOf(entry.statusURL),
		statusURL: typeof entry.statusURL === 'string' ? entry.statusURL : null,
	}));
}

/** One dataset ad hoc export of the given datasets of one dataflow. */
export async function exportDatasetsNow(
	ctx: AepContext,
	flowId: string,
	datasetIds: string[],
	itemIndex?: number,
): Promise<StartedRun[]> {
	const response = await aepRequest<{ destinations?: IDataObject[] }>(ctx, {
		method: 'POST',
		path: PLATFORM_PATHS.adhocRun,
		otherService: true,
		headers: { Accept: DATASET_ADHOC_ACCEPT },
		body: { activationInfo: { destinations: [{ flowId, datasets: datasetIds.map((id) => ({ id })) }] } },
		itemIndex,
	});
	const destinations = Array.isArray(response.body?.destinations) ? response.body.destinations : [];
	return destinations.flatMap((destination) =>
		(Array.isArray(destination.datasets) ? (destination.datasets as IDataObject[]) : []).map((dataset) => ({
			entityId: String(dataset.id ?? ''),
			runId: runIdOf(dataset.statusURL),
			statusURL: typeof dataset.statusURL === 'string' ? dataset.statusURL : null,
		})),
	);
}
