import type { GenericValue, IDataObject } from 'n8n-workflow';

/**
 * Adobe's `conditional` keyword: the property applies only when `field` (a path such as
 * `flowSpec.attributes._workflow`, or the name of a sibling property such as `fileType`)
 * compares to `value` as `operator` says (CONTAINS, NOT_CONTAINS, EQUALS, ...).
 */
export interface Conditional extends IDataObject {
	field: string;
	operator: string;
	value?: GenericValue | GenericValue[];
}

/** The part of JSON Schema (draft-07) that Flow Service's connection specs use, plus `conditional`. */
export interface JsonSchema extends IDataObject {
	type?: string | string[];
	title?: string;
	description?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	additionalProperties?: boolean | JsonSchema;
	enum?: GenericValue[];
	const?: GenericValue;
	default?: GenericValue;
	pattern?: string;
	format?: string;
	contentEncoding?: string;
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
}
