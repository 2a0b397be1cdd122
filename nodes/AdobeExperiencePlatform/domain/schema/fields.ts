/**
 * JSON Schema → n8n fields: every leaf property of a spec becomes one field (nested objects such
 * as `csvOptions` field by field, with dotted IDs), with the schema's title, enum or titled
 * `oneOf` choices as a dropdown, required mark and default. Conditionals are evaluated against
 * the context (the flow spec); a field that depends on another field's value is offered as
 * optional and sorted out when the values are known.
 */
import type { FieldType, IDataObject, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';

import { cleanDescription } from './cleanText';
import { describeConditional, evaluateConditional, isPlainObject } from './conditional';
import type { JsonSchema } from './types';
import { choicesOf } from './validate';

/**
 * n8n's editor stores an empty choice as "no value": the empty string (a valid CSV quote or
 * empty-value setting) is offered under this stand-in and turned back into "" when sent.
 */
export const EMPTY_STRING_OPTION = '[empty string]';

export interface SchemaField {
	/** Dotted path, e.g. `csvOptions.delimiter`: the resource mapper's field ID. */
	id: string;
	path: string[];
	schema: JsonSchema;
	label: string;
	required: boolean;
	/** False never happens here (such fields are left out); undefined: depends on another field's value. */
	applies: true | undefined;
	/** Why the field may not apply, e.g. "File Type is CSV". */
	condition?: string;
	type: FieldType;
	options?: INodePropertyOptions[];
	defaultValue?: string | number | boolean | null;
}

/** "bucketName" → "Bucket Name", for properties without a title. */
export function humanize(name: string): string {
	const words = name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/[_-]+/g, ' ')
		.trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The schema's title; else its description when short (auth specs describe instead of titling:
 * "Access key id"); else the property name in words. n8n's resource mapper shows no field
 * descriptions, so this label is where the schema's wording reaches the user.
 */
export function titleOf(schema: JsonSchema, name: string): string {
	const title = schema.title?.trim();
	if (title) return title;
	const description = cleanDescription(schema.description);
	if (description && description.length <= 60) return description;
	return humanize(name);
}

function optionValue(value: unknown): string | number | boolean {
	if (value === '') return EMPTY_STRING_OPTION;
	return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

function fieldTypeOf(schema: JsonSchema): FieldType {
	const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
	switch (type) {
		case 'integer':
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'object':
			return 'object';
		case 'array':
			return 'array';
		default:
			return 'string';
	}
}

/** An object whose properties become fields of their own (`csvOptions.delimiter`), not one JSON field. */
function hasOwnFields(schema: JsonSchema): boolean {
	const type = fieldTypeOf(schema);
	return (schema.type === undefined || type === 'object') && Object.keys(schema.properties ?? {}).length > 0;
}

/** The fields of an object schema, as they apply in `context`. */
export function schemaFields(schema: JsonSchema, context?: IDataObject): SchemaField[] {
	return collectFields(schema, context, [], [], true, undefined);
}

function collectFields(
	schema: JsonSchema,
	context: IDataObject | undefined,
	path: string[],
	labels: string[],
	parentRequired: boolean,
	parentCondition: string | undefined,
): SchemaField[] {
	const declared = schema.properties ?? {};
	const required = new Set(schema.required ?? []);
	const fields: SchemaField[] = [];
	for (const [name, property] of Object.entries(declared)) {
		const applies = evaluateConditional(property.conditional, { declared, context });
		if (applies === false) continue;
		const condition =
			applies === undefined && property.conditional
				? describeConditional(property.conditional, declared)
				: parentCondition;
		const isRequired = parentRequired && required.has(name) && applies === true;
		const label = [...labels, titleOf(property, name)];
		if (hasOwnFields(property)) {
			fields.push(...collectFields(property, context, [...path, name], label, isRequired, condition));
			continue;
		}
		const choices = choicesOf(property);
		const field: SchemaField = {
			id: [...path, name].join('.'),
			path: [...path, name],
			schema: property,
			label: label.join(': '),
			required: isRequired,
			applies: condition ? undefined : true,
			condition,
			type: choices ? 'options' : fieldTypeOf(property),
		};
		if (choices) {
			field.options = choices.map((choice) => ({
				name: choice.title ?? (choice.value === '' ? 'Empty String' : String(choice.value)),
				value: optionValue(choice.value),
			}));
		}
		if (property.default !== undefined && property.default !== null && typeof property.default !== 'object') {
			field.defaultValue = choices ? optionValue(property.default) : property.default;
		}
		fields.push(field);
	}
	return fields;
}

/** The fields as n8n's resource mapper shows them. */
export function toResourceMapperFields(fields: SchemaField[]): ResourceMapperField[] {
	return fields.map((field) => ({
		id: field.id,
		displayName: field.condition ? `${field.label} (when ${field.condition})` : field.label,
		required: field.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		removed: false,
		type: field.type,
		...(field.options ? { options: field.options } : {}),
		...(field.defaultValue !== undefined ? { defaultValue: field.defaultValue } : {}),
	}));
}

export interface MappedParams {
	params: IDataObject;
	/** Keys that match no property of the schema (e.g. fields of another destination). */
	unknown: string[];
	/** Fields whose text could not be read as the JSON the schema asks for. */
	unreadable: Array<{ field: SchemaField; value: string }>;
}

/**
 * Resource mapper values → the nested object the API takes: empty values left out, the empty
 * choice turned back into "", numbers and booleans typed, JSON fields parsed.
 */
export function valuesToParams(schema: JsonSchema, values: IDataObject | null | undefined): MappedParams {
	// Without a context no conditional is known to be false: every leaf property has a field here.
	const byId = new Map(collectFields(schema, undefined, [], [], true, undefined).map((f) => [f.id, f]));
	const params: IDataObject = {};
	const unknown: string[] = [];
	const unreadable: MappedParams['unreadable'] = [];
	for (const [id, raw] of Object.entries(values ?? {})) {
		const field = byId.get(id);
		if (!field) {
			if (raw !== null && raw !== undefined && raw !== '') unknown.push(id);
			continue;
		}
		if (raw === null || raw === undefined || (raw === '' && field.type !== 'options')) continue;
		let value: unknown = raw;
		if (raw === EMPTY_STRING_OPTION) value = '';
		else if (field.type === 'number' && typeof raw === 'string' && raw.trim() !== '' && !isNaN(Number(raw))) {
			value = Number(raw);
		} else if (field.type === 'boolean' && (raw === 'true' || raw === 'false')) value = raw === 'true';
		else if ((field.type === 'object' || field.type === 'array') && typeof raw === 'string') {
			try {
				value = JSON.parse(raw);
			} catch {
				unreadable.push({ field, value: raw });
				continue;
			}
		}
		setPath(params, field.path, value);
	}
	return { params, unknown, unreadable };
}

function setPath(target: IDataObject, path: string[], value: unknown) {
	let node = target;
	for (const key of path.slice(0, -1)) {
		if (!isPlainObject(node[key])) node[key] = {};
		node = node[key] as IDataObject;
	}
	node[path[path.length - 1]] = value as IDataObject[string];
}
