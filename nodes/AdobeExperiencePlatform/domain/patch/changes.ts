/**
 * The change model of a dataflow update: what the user asked for, checked on its own before the
 * flow is read; `buildPatch` places it in the flow.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DatasetScheduleChange } from '../datasetSchedule';
import { inputError } from '../inputError';

export interface JsonPatchOperation {
	op: string;
	path: string;
	value?: unknown;
}

export interface MappingSet {
	mappingId: string;
	mappingVersion: number;
}

/** What the user asked for, already checked on its own; `buildPatch` places it in the flow. */
export interface DataflowChanges {
	name?: string;
	description?: string;
	schedule?: DatasetScheduleChange;
	/** Selectors as `buildAudienceSelector` makes them. */
	addAudiences: IDataObject[];
	removeAudienceIds: string[];
	addProfileAttributes: string[];
	removeProfileAttributes: string[];
	mandatoryFields?: string[];
	primaryFields?: IDataObject[];
	marketingActions?: string[];
	mappingSet?: MappingSet;
	rawOperations: JsonPatchOperation[];
}

export function emptyChanges(): DataflowChanges {
	return {
		addAudiences: [],
		removeAudienceIds: [],
		addProfileAttributes: [],
		removeProfileAttributes: [],
		rawOperations: [],
	};
}

export function audienceIdOf(selector: unknown): string | undefined {
	const id = ((selector as IDataObject | undefined)?.value as IDataObject | undefined)?.id;
	return typeof id === 'string' ? id : undefined;
}

export function attributePathOf(selector: unknown): string | undefined {
	const path = ((selector as IDataObject | undefined)?.value as IDataObject | undefined)?.path;
	return typeof path === 'string' ? path : undefined;
}

function duplicates(values: string[]): string[] {
	const seen = new Set<string>();
	const repeated = new Set<string>();
	for (const value of values) (seen.has(value) ? repeated : seen).add(value);
	return [...repeated];
}

/** Whether the changes touch the selectors' transformation (audience dataflows only). */
export function changesTransformation(changes: DataflowChanges): boolean {
	return Boolean(
		changes.addAudiences.length ||
			changes.removeAudienceIds.length ||
			changes.addProfileAttributes.length ||
			changes.removeProfileAttributes.length ||
			changes.mandatoryFields ||
			changes.primaryFields ||
			changes.mappingSet,
	);
}

export function hasChanges(changes: DataflowChanges): boolean {
	return Boolean(
		changes.name !== undefined ||
			changes.description !== undefined ||
			changes.schedule ||
			changesTransformation(changes) ||
			changes.marketingActions ||
			changes.rawOperations.length,
	);
}

/** Contradictions inside the request itself, found before any request is sent. */
export function checkChanges(changes: DataflowChanges): void {
	const added = changes.addAudiences.map((s) => audienceIdOf(s) ?? '');
	const twice = duplicates(added);
	if (twice.length) {
		throw inputError('Audience ID', twice.join(', '), 'Each audience may be added once per node run.');
	}
	const both = added.filter((id) => changes.removeAudienceIds.includes(id));
	if (both.length) {
		throw inputError('Audience ID', both.join(', '), 'An audience cannot be added and removed in the same update.');
	}
	const attributes = changes.addProfileAttributes.filter((p) => changes.removeProfileAttributes.includes(p));
	if (attributes.length) {
		throw inputError(
			'Profile Attribute',
			attributes.join(', '),
			'A profile attribute cannot be added and removed in the same update.',
		);
	}
}
