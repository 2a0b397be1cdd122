/**
 * A target connection's `params`, from the fields generated from the destination's live
 * `targetSpec`: typed, with the properties whose conditional is false removed, and checked against
 * the spec and against Adobe's rule that JSON exports are compressed, before anything is sent.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ConnectionSpec, ExportType, FlowSpec } from '../../domain/catalogue';
import { pruneInapplicable } from '../../domain/schema/conditional';
import { valuesToParams } from '../../domain/schema/fields';
import type { JsonSchema } from '../../domain/schema/types';
import { validateSchema } from '../../domain/schema/validate';
import { schemaViolationError } from '../../helpers/errors';
import { withViolationDetails } from '../../helpers/violationDetails';
import { invalidParameter } from '../../helpers/validation';

export const TARGET_PARAMETERS = 'Target Parameters';

export interface TargetParamsInput {
	spec: ConnectionSpec;
	exportType: ExportType;
	flowSpec: FlowSpec;
	/** The resource mapper's values, by field ID (`csvOptions.delimiter`). */
	values: IDataObject | null | undefined;
	/** `params.mode`, sent when the spec does not define `mode` itself. */
	mode: string;
	/** Audience exports: Adobe's manifest file option, sent as `params.includeFileManifest: true`. */
	includeFileManifest?: boolean;
}

function fileFormatOf(params: IDataObject): string | undefined {
	const format = params.datasetFileType ?? params.fileType;
	return typeof format === 'string' ? format.toUpperCase() : undefined;
}

export function buildTargetParams(ctx: IExecuteFunctions, input: TargetParamsInput, itemIndex: number): IDataObject {
	const { spec, exportType } = input;
	const schema: JsonSchema = spec.targetSpec?.spec ?? { type: 'object', properties: {} };
	const declared = Object.keys(schema.properties ?? {});
	const mapped = valuesToParams(schema, input.values);
	if (mapped.unknown.length) {
		throw invalidParameter(
			ctx,
			TARGET_PARAMETERS,
			mapped.unknown.join(', '),
			`Allowed: the parameters of ${spec.name}'s targetSpec (${declared.join(', ')}). Refresh the field list after changing the destination.`,
			itemIndex,
		);
	}
	if (mapped.unreadable.length) {
		const [{ field, value }] = mapped.unreadable;
		throw invalidParameter(
			ctx,
			`${TARGET_PARAMETERS} → ${field.label}`,
			value,
			`Allowed: JSON (${field.type === 'array' ? 'a list' : 'an object'}), as ${spec.name}'s targetSpec defines "${field.id}".`,
			itemIndex,
		);
	}
	const context: IDataObject = { flowSpec: input.flowSpec };
	const params = pruneInapplicable(schema, mapped.params, context);
	if (input.mode.trim() && !declared.includes('mode')) params.mode = input.mode.trim();
	if (input.includeFileManifest) params.includeFileManifest = true;

	const schemaName = `the ${spec.name} targetSpec for ${exportType === 'datasets' ? 'dataset' : 'audience'} exports`;
	const violations = validateSchema(schema, params, { context });
	if (violations.length) {
		throw withViolationDetails(
			schemaViolationError(ctx.getNode(), violations, { subject: TARGET_PARAMETERS, schemaName }, itemIndex),
			violations,
		);
	}
	if (fileFormatOf(params) === 'JSON' && String(params.compression).toUpperCase() === 'NONE') {
		const compression = schema.properties?.compression ?? {};
		throw schemaViolationError(
			ctx.getNode(),
			[
				{
					path: ['compression'],
					kind: 'enum',
					value: params.compression,
					schema: compression,
					allowed: 'a compression such as "GZIP" when the file type is JSON: AEP exports JSON files compressed only (Parquet may be uncompressed)',
				},
			],
			{ subject: TARGET_PARAMETERS, schemaName: "Adobe's export guide" },
			itemIndex,
		);
	}
	return params;
}

/**
 * Why an existing target connection with the same name, destination and base connection is not the
 * one asked for, if it is not: its parameters differ.
 */
export function targetMismatch(existing: IDataObject, params: IDataObject): string | undefined {
	const existingParams = (existing.params ?? {}) as IDataObject;
	const differing = Object.keys(params).filter((key) => stableJson(existingParams[key]) !== stableJson(params[key]));
	if (differing.length) {
		const shown = differing
			.map((key) => `${key}: ${JSON.stringify(existingParams[key]) ?? 'not set'} there, ${JSON.stringify(params[key])} here`)
			.join('; ');
		return `its parameters differ (${shown})`;
	}
	return undefined;
}

/** JSON with sorted keys, so AEP's echo in another key order compares equal. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject).sort(([a], [b]) => a.localeCompare(b));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'undefined';
}
