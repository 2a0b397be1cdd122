/** A JSON Patch typed by the user, read and checked like the node's own operations. */
import type { IDataObject } from 'n8n-workflow';

import { inputError } from '../inputError';
import { describeTemplateRules, FILE_NAME_TEMPLATE_RULES, templateProblem } from '../templates';
import type { JsonPatchOperation } from './changes';

/** What the destinations spec allows (PatchFlowItem); "Activate audiences to file-based destinations by using the Flow Service API" writes them upper-case. */
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
