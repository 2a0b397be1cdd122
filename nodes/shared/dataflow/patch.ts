/**
 * JSON Patch (RFC 6902) operations for a destination dataflow, computed against the flow as it is
 * now: index paths come from its current selectors, removals run from the highest index down (in
 * one patch, removing /selectors/0 then /selectors/1 would remove the 1st and the 3rd), and
 * mandatory/deduplication keys go where this flow's layout keeps them.
 */
import type { IDataObject } from 'n8n-workflow';

import { inputError } from './errors';
import { flowExportType } from './flows';
import type { DatasetScheduleChange } from './schedule';
import {
	checkEndTime,
	checkFolderNameTemplate,
	checkStartTime,
	datasetExportMode,
	isOnce,
	parseDatasetFrequency,
} from './schedule';
import { describeTemplateRules, FILE_NAME_TEMPLATE_RULES, templateProblem } from './templates';

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

function audienceIdOf(selector: unknown): string | undefined {
	const id = ((selector as IDataObject | undefined)?.value as IDataObject | undefined)?.id;
	return typeof id === 'string' ? id : undefined;
}

function attributePathOf(selector: unknown): string | undefined {
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
function changesTransformation(changes: DataflowChanges): boolean {
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

interface ListEdit {
	/** JSON pointer of the array, e.g. /transformations/0/params/segmentSelectors/selectors. */
	path: string;
	/** The array now; undefined when its container does not exist yet. */
	current: unknown[] | undefined;
	/** Pointer and value that create the container with `items` when it does not exist. */
	create: (items: unknown[]) => JsonPatchOperation;
	keyOf: (item: unknown) => string | undefined;
	remove: string[];
	upsert: Array<{ key: string; value: unknown }>;
	/** What to do when an upserted key is already there. */
	existing: 'replace' | 'keep';
	/** For the error when keys to remove are not in the flow. */
	parameter: string;
	flowId: string;
}

function editList(edit: ListEdit): JsonPatchOperation[] {
	const current = edit.current ?? [];
	const missing = edit.remove.filter((key) => !current.some((item) => edit.keyOf(item) === key));
	if (missing.length) {
		const present = current.map(edit.keyOf).filter(Boolean);
		throw inputError(
			edit.parameter,
			missing.join(', '),
			`Not in dataflow ${edit.flowId}. It has: ${present.length ? present.join(', ') : 'none'}.`,
		);
	}
	if (edit.current === undefined) {
		return edit.upsert.length ? [edit.create(edit.upsert.map((u) => u.value))] : [];
	}
	const operations: JsonPatchOperation[] = [];
	const removeIndexes = current
		.map((item, index) => (edit.remove.includes(edit.keyOf(item) ?? '\u0000') ? index : -1))
		.filter((index) => index >= 0)
		.sort((a, b) => b - a);
	// The destinations spec (PatchFlowItem) requires a value on every operation; its example sends
	// the removed item, which RFC 6902 ignores.
	for (const index of removeIndexes) operations.push({ op: 'remove', path: `${edit.path}/${index}`, value: current[index] });
	const remaining = current.filter((_, index) => !removeIndexes.includes(index));
	for (const { key, value } of edit.upsert) {
		const index = remaining.findIndex((item) => edit.keyOf(item) === key);
		if (index === -1) operations.push({ op: 'add', path: `${edit.path}/-`, value });
		else if (edit.existing === 'replace') operations.push({ op: 'replace', path: `${edit.path}/${index}`, value });
	}
	return operations;
}

function describeFlow(flow: IDataObject): string {
	return `${String(flow.id ?? '')}${flow.name ? ` ("${String(flow.name)}")` : ''}`;
}

function mergeSchedule(flow: IDataObject, change: DatasetScheduleChange, nowMs: number): IDataObject {
	const current = (flow.scheduleParams ?? undefined) as IDataObject | undefined;
	let frequency = change.frequency;
	if (!frequency) {
		if (!current) {
			throw inputError('Frequency', undefined, `Required: dataflow ${describeFlow(flow)} has no schedule yet.`);
		}
		frequency = parseDatasetFrequency(
			current.timeUnit === 'day' && current.interval === 0 ? 'once' : `${String(current.timeUnit)}:${String(current.interval)}`,
			'Frequency',
		);
	}
	const startTime =
		change.startTime !== undefined
			? checkStartTime(change.startTime, nowMs)
			: typeof current?.startTime === 'number'
				? current.startTime * 1000
				: undefined;
	if (startTime === undefined) {
		throw inputError('Start Time', undefined, `Required: dataflow ${describeFlow(flow)} has no start time yet.`);
	}
	let endTime: number | undefined;
	if (change.endTime !== undefined) endTime = checkEndTime(change.endTime, startTime, nowMs);
	else if (typeof current?.endTime === 'number') endTime = current.endTime * 1000;

	let exportMode = change.exportMode?.trim() ? change.exportMode : undefined;
	if (exportMode === undefined && typeof current?.exportMode === 'string') {
		// The mode follows a frequency change: a one-time export is full, recurring ones incremental.
		exportMode = isOnce(frequency) ? 'DAILY_FULL_EXPORT' : current.exportMode === 'DAILY_FULL_EXPORT' ? 'FIRST_FULL_THEN_INCREMENTAL' : current.exportMode;
	}
	const mode = datasetExportMode(exportMode, frequency);
	const folderNameTemplate =
		change.folderNameTemplate !== undefined
			? checkFolderNameTemplate(change.folderNameTemplate)
			: (current?.folderNameTemplate as string | undefined);

	const merged: IDataObject = { ...(current ?? {}) };
	delete merged.exportMode;
	delete merged.endTime;
	delete merged.folderNameTemplate;
	return {
		...merged,
		...(mode ? { exportMode: mode } : {}),
		interval: frequency.interval,
		timeUnit: frequency.timeUnit,
		startTime: Math.floor(startTime / 1000),
		...(endTime !== undefined ? { endTime: Math.floor(endTime / 1000) } : {}),
		...(folderNameTemplate ? { folderNameTemplate } : {}),
	};
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
		operations.push({ op: flow.scheduleParams === undefined ? 'add' : 'replace', path: '/scheduleParams', value });
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

		// Seed 002's layout keeps the keys inside profileSelectors; the mapping-set layout
		// (OpenAPI TransformationParams_V2, library 004) keeps them beside segmentSelectors.
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
		// As library 004 writes it: reset the list, then append each reference.
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

/** What the destinations spec allows (PatchFlowItem); library 004 writes them upper-case. */
const PATCH_OPS = ['add', 'remove', 'replace'];

/**
 * Reads a raw JSON Patch (a JSON array, or one operation) and checks its shape. Segment selectors
 * written with `fileNameTemplate` are sent as `filenameTemplate`, as Adobe's examples spell it, and
 * their macros are checked like the node's own.
 */
export function parseRawPatch(value: unknown, parameter = 'JSON Patch'): JsonPatchOperation[] {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return [];
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw inputError(parameter, value, `Allowed: a JSON array of JSON Patch operations (${(error as Error).message}).`);
		}
	}
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((entry, index) => {
		const operation = entry as IDataObject;
		const where = `operation ${index + 1}`;
		if (!operation || typeof operation !== 'object' || Array.isArray(operation)) {
			throw inputError(parameter, entry, `${where} is not an object. Allowed: {"op": "...", "path": "/...", "value": ...}.`);
		}
		const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : operation.op;
		if (typeof op !== 'string' || !PATCH_OPS.includes(op)) {
			throw inputError(parameter, operation, `${where}: "op" must be one of ${PATCH_OPS.join(', ')}.`);
		}
		if (typeof operation.path !== 'string' || (operation.path !== '' && !operation.path.startsWith('/'))) {
			throw inputError(parameter, operation, `${where}: "path" must be a JSON pointer such as /name.`);
		}
		if (op !== 'remove' && !('value' in operation)) {
			throw inputError(parameter, operation, `${where}: "${op}" needs a "value".`);
		}
		return normaliseTemplateSpelling({ ...operation, op } as unknown as JsonPatchOperation, parameter);
	});
}

function normaliseTemplateSpelling(operation: JsonPatchOperation, parameter: string): JsonPatchOperation {
	if (!operation.path.includes('/segmentSelectors')) return operation;
	const result: JsonPatchOperation = { ...operation, path: operation.path.replace(/\/fileNameTemplate$/, '/filenameTemplate') };
	const check = (template: unknown) => {
		if (typeof template !== 'string') return;
		const problem = templateProblem(template, FILE_NAME_TEMPLATE_RULES);
		if (problem) throw inputError(parameter, template, `${problem} ${describeTemplateRules(FILE_NAME_TEMPLATE_RULES)}`);
	};
	const fix = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(fix);
		if (!value || typeof value !== 'object') return value;
		const copy: IDataObject = {};
		for (const [key, inner] of Object.entries(value as IDataObject)) {
			const name = key === 'fileNameTemplate' && !('filenameTemplate' in (value as IDataObject)) ? 'filenameTemplate' : key;
			if (name === 'filenameTemplate') check(inner);
			copy[name] = fix(inner) as IDataObject;
		}
		return copy;
	};
	if ('value' in operation) {
		result.value = fix(operation.value);
		if (result.path.endsWith('/filenameTemplate')) check(result.value);
	}
	return result;
}
