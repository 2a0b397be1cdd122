/**
 * JSON Patch (RFC 6902) operations for a destination dataflow, computed against the flow as it is
 * now: index paths come from its current selectors, and mandatory/deduplication keys go where this
 * flow's layout keeps them.
 */
import type { IDataObject } from 'n8n-workflow';

import { flowExportType } from '../dataflow';
import { inputError } from '../inputError';
import type { DataflowChanges, JsonPatchOperation } from './changes';
import { attributePathOf, audienceIdOf, changesTransformation } from './changes';
import { editList, sameJson } from './listEdit';
import { describeFlow, mergeSchedule } from './mergeSchedule';

/** Index of the transformation holding selectors (GeneralTransform), computed from the flow. */
function transformationIndex(flow: IDataObject): number | undefined {
	const transformations = flow.transformations;
	if (!Array.isArray(transformations) || transformations.length === 0) return undefined;
	const index = (transformations as IDataObject[]).findIndex((t) => {
		const params = (t?.params ?? {}) as IDataObject;
		return params.segmentSelectors !== undefined || params.profileSelectors !== undefined || t?.name === 'GeneralTransform';
	});
	return index === -1 ? 0 : index;
}

/**
 * Puts `key: value` into the selectors' transformation params: a plain add when the params exist,
 * otherwise an add that creates the params (or the whole GeneralTransform, for audience flows
 * created with `transformations: []`). Creations are merged by `mergeCreations`.
 */
function paramsWriter(flow: IDataObject, ti: number | undefined): (key: string, value: unknown) => JsonPatchOperation {
	if (ti === undefined) {
		const hasArray = Array.isArray(flow.transformations);
		return (key, value) => {
			const transformation = { name: 'GeneralTransform', params: { [key]: value } };
			return hasArray
				? { op: 'add', path: '/transformations/0', value: transformation }
				: { op: 'add', path: '/transformations', value: [transformation] };
		};
	}
	const params = ((flow.transformations as IDataObject[])[ti] ?? {}).params;
	const base = `/transformations/${ti}/params`;
	return (key, value) =>
		params === undefined || params === null
			? { op: 'add', path: base, value: { [key]: value } }
			: { op: 'add', path: `${base}/${key}`, value };
}

/**
 * The patch for `changes` against `flow` (as GET /flows/{id} gave it). Order: name and description,
 * schedule, audiences (removals from the highest index down, then replacements, then additions),
 * profile attributes likewise, keys, mapping set, marketing actions, then the raw operations.
 * Throws input errors naming the parameter when the flow cannot take a change.
 */
export function buildPatch(flow: IDataObject, changes: DataflowChanges, nowMs: number): JsonPatchOperation[] {
	const flowId = String(flow.id ?? '');
	const operations: JsonPatchOperation[] = [];

	if (changes.name !== undefined && changes.name !== flow.name) {
		operations.push({ op: 'replace', path: '/name', value: changes.name });
	}
	if (changes.description !== undefined && changes.description !== flow.description) {
		operations.push({ op: flow.description === undefined ? 'add' : 'replace', path: '/description', value: changes.description });
	}

	if (changes.schedule) {
		if (flow.scheduleParams === undefined && Array.isArray(flow.transformations) && flow.transformations.length > 0) {
			throw inputError(
				'Operation',
				'Update Dataset Schedule',
				`Dataflow ${describeFlow(flow)} activates audiences; audiences carry their own schedules (use Add Audience).`,
			);
		}
		const value = mergeSchedule(flow, changes.schedule, nowMs);
		if (!sameJson(flow.scheduleParams, value)) {
			operations.push({ op: flow.scheduleParams === undefined ? 'add' : 'replace', path: '/scheduleParams', value });
		}
	}

	if (changesTransformation(changes)) {
		if (flowExportType(flow) === 'datasets') {
			throw inputError(
				'Operation',
				'audience operations',
				`Dataflow ${describeFlow(flow)} exports datasets; audiences, profile attributes, keys and mapping sets apply to audience dataflows.`,
			);
		}
		const ti = transformationIndex(flow);
		const transformation = ti === undefined ? {} : ((flow.transformations as IDataObject[])[ti] ?? {});
		const params = (transformation.params ?? undefined) as IDataObject | undefined;
		const base = `/transformations/${ti ?? 0}/params`;
		const withParams = paramsWriter(flow, ti);

		const segmentSelectors = params?.segmentSelectors as IDataObject | undefined;
		operations.push(
			...editList({
				path: `${base}/segmentSelectors/selectors`,
				current: Array.isArray(segmentSelectors?.selectors) ? (segmentSelectors.selectors as unknown[]) : undefined,
				create: (items) => withParams('segmentSelectors', { ...(segmentSelectors ?? {}), selectors: items }),
				keyOf: audienceIdOf,
				remove: changes.removeAudienceIds,
				upsert: changes.addAudiences.map((value) => ({ key: audienceIdOf(value) ?? '', value })),
				existing: 'replace',
				parameter: 'Audience IDs to Remove',
				flowId,
			}),
		);

		const profileSelectors = params?.profileSelectors as IDataObject | undefined;
		operations.push(
			...editList({
				path: `${base}/profileSelectors/selectors`,
				current: Array.isArray(profileSelectors?.selectors) ? (profileSelectors.selectors as unknown[]) : undefined,
				create: (items) => withParams('profileSelectors', { ...(profileSelectors ?? {}), selectors: items }),
				keyOf: attributePathOf,
				remove: changes.removeProfileAttributes,
				upsert: changes.addProfileAttributes.map((path) => ({
					key: path,
					value: { type: 'JSON_PATH', value: { path } },
				})),
				existing: 'keep',
				parameter: 'Profile Attributes to Remove',
				flowId,
			}),
		);

		// The layout of "Connect to batch destinations and activate data using the Flow Service API" keeps the keys inside profileSelectors; the mapping-set layout
		// (the API reference's TransformationParams_V2, and "Activate audiences to file-based destinations by using the Flow Service API") keeps them beside segmentSelectors.
		const keysInProfileSelectors =
			profileSelectors !== undefined &&
			params?.profileMapping === undefined &&
			params?.mandatoryFields === undefined &&
			params?.primaryFields === undefined;
		const keyOperation = (key: string, value: unknown): JsonPatchOperation =>
			keysInProfileSelectors
				? { op: 'add', path: `${base}/profileSelectors/${key}`, value }
				: withParams(key, value);
		if (changes.mandatoryFields) operations.push(keyOperation('mandatoryFields', changes.mandatoryFields));
		if (changes.primaryFields) operations.push(keyOperation('primaryFields', changes.primaryFields));
		if (changes.mappingSet) operations.push(withParams('profileMapping', changes.mappingSet));
	}

	if (changes.marketingActions) {
		// As "Activate audiences to file-based destinations by using the Flow Service API" writes it: reset the list, then append each reference.
		operations.push({ op: 'add', path: '/policy', value: { enforcementRefs: [] } });
		for (const reference of changes.marketingActions) {
			operations.push({ op: 'add', path: '/policy/enforcementRefs/-', value: reference });
		}
	}
	operations.push(...changes.rawOperations);
	return mergeCreations(operations);
}

/**
 * Several adds that each create the same missing container (`…/params`, `/transformations/0`,
 * `/transformations`) become one add carrying all their contents.
 */
function mergeCreations(operations: JsonPatchOperation[]): JsonPatchOperation[] {
	const creation = /^\/transformations(\/\d+(\/params)?)?$/;
	const result: JsonPatchOperation[] = [];
	for (const operation of operations) {
		const previous =
			operation.op === 'add' && creation.test(operation.path)
				? result.find((o) => o.op === 'add' && o.path === operation.path)
				: undefined;
		if (!previous) {
			result.push(operation);
			continue;
		}
		const paramsOf = (value: unknown): IDataObject => {
			const transformation = (Array.isArray(value) ? value[0] : value) as IDataObject;
			return operation.path.endsWith('/params') ? transformation : (transformation.params as IDataObject);
		};
		Object.assign(paramsOf(previous.value), paramsOf(operation.value));
	}
	return result;
}
