import type { IDataObject } from 'n8n-workflow';

import { evaluateConditional, isPlainObject } from './conditional';
import { describePattern } from './patternWords';
import type { JsonSchema } from './types';

export type ViolationKind =
	| 'required'
	| 'type'
	| 'enum'
	| 'const'
	| 'oneOf'
	| 'anyOf'
	| 'pattern'
	| 'minLength'
	| 'maxLength'
	| 'minimum'
	| 'maximum'
	| 'minItems'
	| 'maxItems'
	| 'additionalProperties'
	| 'contentEncoding';

export interface SchemaViolation {
	/** Property names from the validated object down to the offending value, e.g. `['csvOptions', 'quote']`. */
	path: string[];
	kind: ViolationKind;
	/** The offending value (undefined when missing). Never shown for secrets. */
	value: unknown;
	/** The schema of the offending property, for its title. */
	schema: JsonSchema;
	/** What would be accepted, in words. */
	allowed: string;
	/** How the form labels the field, when not the schema's title (a credential field's label). */
	label?: string;
	/** For the error's details only, e.g. the regular expression a value did not match. */
	detail?: string;
}

export interface SchemaValidationOptions {
	/** What conditionals outside the object read, e.g. `{ flowSpec }`. */
	context?: IDataObject;
}

const patternCache = new Map<string, RegExp | null>();

/** Adobe's patterns use identity escapes such as `\%`, which unicode mode rejects: compile without `u`. */
function compilePattern(pattern: string): RegExp | null {
	if (!patternCache.has(pattern)) {
		let compiled: RegExp | null;
		try {
			compiled = new RegExp(pattern);
		} catch {
			// A pattern JavaScript cannot read is left to AEP to enforce.
			compiled = null;
		}
		patternCache.set(pattern, compiled);
	}
	return patternCache.get(pattern)!;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
	const actual = typeOf(value);
	return type === 'number' ? actual === 'number' || actual === 'integer' : actual === type;
}

const TYPE_WORDS: Record<string, string> = {
	string: 'text',
	integer: 'a whole number',
	number: 'a number',
	boolean: 'true or false',
	object: 'an object',
	array: 'a list',
	null: 'null',
};

function quote(value: unknown): string {
	return JSON.stringify(value);
}

/** The choices of an enum or of a `oneOf` made of `const` branches (Adobe's titled options). */
export function choicesOf(schema: JsonSchema): Array<{ value: unknown; title?: string }> | undefined {
	if (schema.enum) return schema.enum.map((value) => ({ value }));
	if (schema.oneOf?.length && schema.oneOf.every((branch) => 'const' in branch)) {
		return schema.oneOf.map((branch) => ({ value: branch.const, title: branch.title }));
	}
	return undefined;
}

function describeChoices(choices: Array<{ value: unknown; title?: string }>): string {
	return `one of ${choices
		.map((choice) =>
			choice.title && choice.title !== choice.value ? `${quote(choice.value)} (${choice.title})` : quote(choice.value),
		)
		.join(', ')}`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Validates a value against a JSON Schema as Flow Service's specs use it, conditionals included:
 * a property whose conditional is false is neither required nor checked; one whose conditional
 * cannot be told yet is optional but checked when given.
 */
export function validateSchema(
	schema: JsonSchema,
	value: unknown,
	options: SchemaValidationOptions = {},
	path: string[] = [],
): SchemaViolation[] {
	const violations: SchemaViolation[] = [];
	const fail = (kind: ViolationKind, allowed: string, detail?: string) =>
		violations.push({ path, kind, value, schema, allowed, ...(detail ? { detail } : {}) });

	if (schema.type !== undefined) {
		const types = Array.isArray(schema.type) ? schema.type : [schema.type];
		if (!types.some((type) => matchesType(value, type))) {
			fail('type', types.map((type) => TYPE_WORDS[type] ?? type).join(' or '));
			return violations;
		}
	}

	const choices = choicesOf(schema);
	if (choices && !choices.some((choice) => quote(choice.value) === quote(value))) {
		fail(schema.enum ? 'enum' : 'oneOf', describeChoices(choices));
		return violations;
	}
	if ('const' in schema && quote(schema.const) !== quote(value)) fail('const', `exactly ${quote(schema.const)}`);

	if (typeof value === 'string') {
		const pattern = schema.pattern !== undefined ? compilePattern(schema.pattern) : null;
		if (pattern && !pattern.test(value)) {
			fail('pattern', describePattern(String(schema.pattern)), `the pattern ${String(schema.pattern)}`);
		}
		const length = [...value].length;
		if (schema.minLength !== undefined && length < schema.minLength) {
			fail('minLength', `at least ${schema.minLength} characters`);
		}
		if (schema.maxLength !== undefined && length > schema.maxLength) {
			fail('maxLength', `at most ${schema.maxLength} characters`);
		}
		if (schema.contentEncoding?.toLowerCase() === 'base64' && (!BASE64.test(value) || value.length % 4 !== 0)) {
			fail('contentEncoding', 'Base64-encoded text');
		}
	}

	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) fail('minimum', `${schema.minimum} or more`);
		if (schema.maximum !== undefined && value > schema.maximum) fail('maximum', `${schema.maximum} or less`);
		if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
			fail('minimum', `more than ${schema.exclusiveMinimum}`);
		}
		if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
			fail('maximum', `less than ${schema.exclusiveMaximum}`);
		}
	}

	if (Array.isArray(value)) {
		if (schema.minItems !== undefined && value.length < schema.minItems) fail('minItems', `at least ${schema.minItems} entries`);
		if (schema.maxItems !== undefined && value.length > schema.maxItems) fail('maxItems', `at most ${schema.maxItems} entries`);
		if (schema.items) {
			value.forEach((item, index) =>
				violations.push(...validateSchema(schema.items!, item, options, [...path, String(index)])),
			);
		}
	}

	if (isPlainObject(value)) violations.push(...validateObject(schema, value, options, path));

	for (const branch of schema.allOf ?? []) violations.push(...validateSchema(branch, value, options, path));
	if (schema.anyOf && !schema.anyOf.some((branch) => validateSchema(branch, value, options, path).length === 0)) {
		fail('anyOf', `a value valid against at least one of ${schema.anyOf.length} alternatives`);
	}
	if (schema.oneOf && !choices) {
		const valid = schema.oneOf.filter((branch) => validateSchema(branch, value, options, path).length === 0).length;
		if (valid !== 1) fail('oneOf', `a value valid against exactly one of ${schema.oneOf.length} alternatives`);
	}
	return violations;
}

function validateObject(
	schema: JsonSchema,
	value: IDataObject,
	options: SchemaValidationOptions,
	path: string[],
): SchemaViolation[] {
	const violations: SchemaViolation[] = [];
	const declared = schema.properties ?? {};
	const applies = (name: string) =>
		evaluateConditional(declared[name]?.conditional, { siblings: value, declared, context: options.context });

	for (const name of schema.required ?? []) {
		// A conditional property is required only where its condition is known to hold.
		if ((value[name] === undefined || value[name] === null) && applies(name) === true) {
			violations.push({
				path: [...path, name],
				kind: 'required',
				value: undefined,
				schema: declared[name] ?? {},
				allowed: 'a value (required)',
			});
		}
	}
	for (const [name, propertyValue] of Object.entries(value)) {
		if (propertyValue === undefined) continue;
		const property = declared[name];
		if (property) {
			if (applies(name) === false) continue;
			violations.push(...validateSchema(property, propertyValue, options, [...path, name]));
		} else if (schema.additionalProperties === false) {
			violations.push({
				path: [...path, name],
				kind: 'additionalProperties',
				value: propertyValue,
				schema: {},
				allowed: `only the properties ${Object.keys(declared).join(', ')}`,
			});
		} else if (isPlainObject(schema.additionalProperties)) {
			violations.push(...validateSchema(schema.additionalProperties, propertyValue, options, [...path, name]));
		}
	}
	return violations;
}
