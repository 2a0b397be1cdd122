/**
 * The part of JSON Schema (draft-07) that Flow Service's connection specs use: type, required,
 * properties, additionalProperties, enum, const, pattern, minLength/maxLength, minimum/maximum,
 * exclusive bounds, items, minItems/maxItems, allOf/anyOf/oneOf, plus Adobe's `conditional`
 * keyword: `{field, operator, value}` evaluated against a context (e.g. the flow spec), which makes
 * a property apply only to some workflows (`datasetFileType` only when
 * `flowSpec.attributes._workflow` CONTAINS `DATASETS`).
 *
 * Messages follow the `$.path: problem` style of the Java validator behind Flow Service.
 */

export interface JsonSchema {
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	additionalProperties?: boolean | JsonSchema;
	enum?: unknown[];
	const?: unknown;
	pattern?: string;
	minLength?: number;
	maxLength?: number;
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	items?: JsonSchema;
	minItems?: number;
	maxItems?: number;
	allOf?: JsonSchema[];
	anyOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	conditional?: Conditional;
	[keyword: string]: unknown;
}

export interface Conditional {
	field: string;
	operator: string;
	value: unknown;
}

export interface SchemaViolation {
	/** `$`-rooted path of the offending value, e.g. `$.params.bucketName`. */
	path: string;
	message: string;
}

export interface ValidationOptions {
	/**
	 * What `conditional` fields are read from, e.g. the object's own values plus `{ flowSpec }`; a
	 * field missing from the context has no value (so `CONTAINS` is false, `NOT_CONTAINS` true).
	 */
	context?: Record<string, unknown>;
	/**
	 * Context roots not known yet (e.g. `flowSpec` while a target connection is created): conditions
	 * on them are undecided, so their properties are optional but still checked when present.
	 */
	deferred?: string[];
}

/** true or false, or undefined when the condition cannot be decided yet. */
export function evaluateConditional(conditional: Conditional, options: ValidationOptions): boolean | undefined {
	const path = conditional.field.split('.');
	if (!options.context || options.deferred?.includes(path[0])) return undefined;
	let actual: unknown = options.context;
	for (const key of path) {
		actual = actual !== null && typeof actual === 'object' ? (actual as Record<string, unknown>)[key] : undefined;
	}
	const expected = conditional.value;
	const same = (a: unknown, b: unknown) => a !== undefined && a !== null && String(a).toUpperCase() === String(b).toUpperCase();
	const contains = () =>
		Array.isArray(actual)
			? actual.some((item) => same(item, expected))
			: actual !== undefined && actual !== null && String(actual).toUpperCase().includes(String(expected).toUpperCase());
	switch (conditional.operator.toUpperCase()) {
		case 'CONTAINS':
			return contains();
		case 'NOT_CONTAINS':
			return !contains();
		case 'EQUALS':
		case 'EQ':
			return same(actual, expected);
		case 'NOT_EQUALS':
		case 'NE':
			return !same(actual, expected);
		case 'IN':
			return Array.isArray(expected) && expected.some((item) => same(actual, item));
		default:
			return undefined;
	}
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
	const actual = typeOf(value);
	if (type === 'number') return actual === 'number' || actual === 'integer';
	return actual === type;
}

function childPath(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`;
}

function show(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

export function validateJsonSchema(
	schema: JsonSchema,
	value: unknown,
	options: ValidationOptions = {},
	path = '$',
): SchemaViolation[] {
	const violations: SchemaViolation[] = [];
	const fail = (message: string, at = path) => violations.push({ path: at, message: `${at}: ${message}` });

	if (schema.type !== undefined) {
		const types = Array.isArray(schema.type) ? schema.type : [schema.type];
		if (!types.some((type) => matchesType(value, type))) {
			fail(`${typeOf(value)} found, ${types.join(' or ')} expected`);
			return violations;
		}
	}
	if (schema.enum !== undefined && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
		fail(`does not have a value in the enumeration [${schema.enum.map(show).join(', ')}]`);
	}
	if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
		fail(`must be the constant value '${show(schema.const)}'`);
	}

	if (typeof value === 'string') {
		// No `u` flag: Adobe's patterns use identity escapes such as `\%` that unicode mode rejects.
		if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
			fail(`does not match the regex pattern ${schema.pattern}`);
		}
		const length = [...value].length;
		if (schema.minLength !== undefined && length < schema.minLength) {
			fail(`must be at least ${schema.minLength} characters long`);
		}
		if (schema.maxLength !== undefined && length > schema.maxLength) {
			fail(`may only be ${schema.maxLength} characters long`);
		}
	}

	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) fail(`must have a minimum value of ${schema.minimum}`);
		if (schema.maximum !== undefined && value > schema.maximum) fail(`must have a maximum value of ${schema.maximum}`);
		if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
			fail(`must have an exclusive minimum value of ${schema.exclusiveMinimum}`);
		}
		if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
			fail(`must have an exclusive maximum value of ${schema.exclusiveMaximum}`);
		}
	}

	if (Array.isArray(value)) {
		if (schema.minItems !== undefined && value.length < schema.minItems) {
			fail(`expected at least ${schema.minItems} items but found ${value.length}`);
		}
		if (schema.maxItems !== undefined && value.length > schema.maxItems) {
			fail(`expected at most ${schema.maxItems} items but found ${value.length}`);
		}
		if (schema.items) {
			value.forEach((item, index) => violations.push(...validateJsonSchema(schema.items!, item, options, childPath(path, index))));
		}
	}

	if (typeOf(value) === 'object') {
		violations.push(...validateObject(schema, value as Record<string, unknown>, options, path));
	}

	for (const sub of schema.allOf ?? []) violations.push(...validateJsonSchema(sub, value, options, path));
	if (schema.anyOf && !schema.anyOf.some((sub) => validateJsonSchema(sub, value, options, path).length === 0)) {
		fail('should be valid to any of the schemas');
	}
	if (schema.oneOf) {
		const matching = schema.oneOf.filter((sub) => validateJsonSchema(sub, value, options, path).length === 0).length;
		if (matching !== 1) fail(`should be valid to one and only one schema, but ${matching} are valid`);
	}
	return violations;
}

function validateObject(
	schema: JsonSchema,
	value: Record<string, unknown>,
	options: ValidationOptions,
	path: string,
): SchemaViolation[] {
	const violations: SchemaViolation[] = [];
	const properties = schema.properties ?? {};
	const applies = (name: string) => {
		const conditional = properties[name]?.conditional;
		return conditional ? evaluateConditional(conditional, options) : true;
	};
	for (const name of schema.required ?? []) {
		// A conditional property is required only when its condition is known to hold.
		if (value[name] === undefined && applies(name) === true) {
			violations.push({ path: childPath(path, name), message: `${childPath(path, name)}: is missing but it is required` });
		}
	}
	for (const [name, propertyValue] of Object.entries(value)) {
		const propertySchema = properties[name];
		if (propertySchema) {
			if (propertyValue === undefined || applies(name) === false) continue;
			violations.push(...validateJsonSchema(propertySchema, propertyValue, options, childPath(path, name)));
		} else if (schema.additionalProperties === false) {
			violations.push({
				path: childPath(path, name),
				message: `${childPath(path, name)}: is not defined in the schema and the schema does not allow additional properties`,
			});
		} else if (typeof schema.additionalProperties === 'object') {
			violations.push(...validateJsonSchema(schema.additionalProperties, propertyValue, options, childPath(path, name)));
		}
	}
	return violations;
}
