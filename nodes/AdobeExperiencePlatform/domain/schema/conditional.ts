import type { IDataObject } from 'n8n-workflow';

import type { Conditional, JsonSchema } from './types';

/**
 * Where a `conditional` reads its field from. A field whose first segment names a property of
 * the same object is read from `siblings` (e.g. `csvOptions` depends on `fileType`); any other
 * field from `context` (e.g. `flowSpec.attributes._workflow`).
 */
export interface ConditionalScope {
	/** Values of the object the property belongs to; undefined while they are not known (field generation). */
	siblings?: IDataObject;
	/** The properties declared next to the conditional one. */
	declared?: Record<string, JsonSchema>;
	/** What the rest of the conditionals read, e.g. `{ flowSpec }`. */
	context?: IDataObject;
}

/** Conditionals may refer to siblings that are conditional themselves; a cycle stops here. */
const MAX_DEPTH = 5;

type Resolved = { known: false } | { known: true; value: unknown };

function resolveField(field: string, scope: ConditionalScope, depth: number): Resolved {
	const [root, ...rest] = field.split('.');
	let value: unknown;
	if (scope.declared && root in scope.declared) {
		if (!scope.siblings) {
			// A sibling that cannot apply has no value: no fileType in a dataset export, so no csvOptions.
			const sibling = scope.declared[root].conditional;
			if (sibling && depth < MAX_DEPTH && evaluateConditional(sibling, scope, depth + 1) === false) {
				return { known: true, value: undefined };
			}
			return { known: false };
		}
		value = scope.siblings[root];
	} else if (scope.context && root in scope.context) {
		value = scope.context[root];
	} else {
		return { known: false };
	}
	// A missing attribute deeper down is known to be absent: e.g. a flow spec without `_workflow`.
	for (const key of rest) {
		value = value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	}
	return { known: true, value };
}

function sameText(a: unknown, b: unknown): boolean {
	return String(a).toUpperCase() === String(b).toUpperCase();
}

function contains(actual: unknown, expected: unknown): boolean {
	if (actual === undefined || actual === null) return false;
	if (Array.isArray(actual)) return actual.some((item) => sameText(item, expected));
	return String(actual).toUpperCase().includes(String(expected).toUpperCase());
}

/**
 * Whether a conditional property applies: true, false, or undefined when it cannot be told yet
 * (its field is another value the user has not given, or the operator is unknown).
 */
export function evaluateConditional(
	conditional: Conditional | undefined,
	scope: ConditionalScope,
	depth = 0,
): boolean | undefined {
	if (!conditional) return true;
	const resolved = resolveField(String(conditional.field ?? ''), scope, depth);
	if (!resolved.known) return undefined;
	const actual = resolved.value;
	const expected = conditional.value;
	switch (String(conditional.operator ?? '').toUpperCase()) {
		case 'CONTAINS':
			return contains(actual, expected);
		case 'NOT_CONTAINS':
			return !contains(actual, expected);
		case 'EQUALS':
		case 'EQ':
		case '==':
			return actual !== undefined && actual !== null && sameText(actual, expected);
		case 'NOT_EQUALS':
		case 'NE':
		case '!=':
			return actual === undefined || actual === null || !sameText(actual, expected);
		case 'IN':
			return Array.isArray(expected) && expected.some((item) => sameText(item, actual));
		case 'NOT_IN':
			return !(Array.isArray(expected) && expected.some((item) => sameText(item, actual)));
		default:
			return undefined;
	}
}

/** "File Type is CSV", for labels and messages. */
export function describeConditional(conditional: Conditional, declared?: Record<string, JsonSchema>): string {
	const root = String(conditional.field).split('.')[0];
	const subject = declared?.[root]?.title ?? conditional.field;
	const value = Array.isArray(conditional.value) ? conditional.value.join(', ') : String(conditional.value);
	const verb: Record<string, string> = {
		CONTAINS: 'contains',
		NOT_CONTAINS: 'does not contain',
		EQUALS: 'is',
		EQ: 'is',
		'==': 'is',
		NOT_EQUALS: 'is not',
		NE: 'is not',
		'!=': 'is not',
		IN: 'is one of',
		NOT_IN: 'is not one of',
	};
	return `${subject} ${verb[String(conditional.operator).toUpperCase()] ?? conditional.operator} ${value}`;
}

/**
 * Removes the properties whose conditional is false, at every level: e.g. `csvOptions` when the
 * file type is not CSV, `datasetFileType` in an audience export. What remains is what the spec
 * says applies.
 */
export function pruneInapplicable(schema: JsonSchema, value: IDataObject, context?: IDataObject): IDataObject {
	const declared = schema.properties ?? {};
	const result: IDataObject = {};
	for (const [name, propertyValue] of Object.entries(value)) {
		const property = declared[name];
		if (property) {
			const applies = evaluateConditional(property.conditional, { siblings: value, declared, context });
			if (applies === false) continue;
			if (property.properties && isPlainObject(propertyValue)) {
				result[name] = pruneInapplicable(property, propertyValue, context);
				continue;
			}
		}
		result[name] = propertyValue;
	}
	return result;
}

export function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
