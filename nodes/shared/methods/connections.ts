/**
 * Dropdowns and generated fields of the Create Source / Base / Target Connection nodes, all read
 * from the live catalogue: auth methods and encryption from the destination's connection spec,
 * target parameters from its `targetSpec`, eligible datasets from the Data Lake source spec.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';

import type { ConnectionSpec } from '../catalogue';
import { conditionalContext, getConnectionSpec } from '../catalogue';
import { DATA_LAKE_SOURCE_SPEC_ID } from '../constants';
import { choicesOf, schemaFields, toResourceMapperFields } from '../schema';
import type { AepContext } from '../../AdobeExperiencePlatform/transport';
import { aepListByStartLimit, cachedPerExecution } from '../../AdobeExperiencePlatform/transport';
import { isUuid } from '../validation';
import { editedExportType, editedLocatorValue } from './editor';

/** The destination picked in the node being edited, or undefined while none (or no valid ID) is. */
async function pickedDestination(ctx: ILoadOptionsFunctions): Promise<ConnectionSpec | undefined> {
	const id = editedLocatorValue(ctx, 'destination');
	if (!isUuid(id)) return undefined;
	return await getConnectionSpec(ctx, id);
}

/** loadOptions: the auth methods of the destination (`authSpec[].name`, the future `auth.specName`). */
export async function getAuthMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const spec = await pickedDestination(this);
	if (!spec) return [];
	const methods = spec.authSpec ?? [];
	if (methods.length === 0) {
		return [{ name: `None (${spec.name} takes no credentials)`, value: '' }];
	}
	return methods.map((method) => ({
		name: method.name,
		value: method.name,
		description: [method.type, method.spec?.description].filter(Boolean).join(': ') || undefined,
	}));
}

/** loadOptions: the destination's ways to encrypt exported files (`encryptionSpecs[].name`). */
export async function getEncryptionMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const spec = await pickedDestination(this);
	return (spec?.encryptionSpecs ?? []).map((encryption) => ({
		name: encryption.name,
		value: encryption.name,
		description: encryption.spec?.description,
	}));
}

/** The property of an encryption spec that holds the algorithm (`encryptionAlgo`). */
export function algorithmProperty(encryptionSchema: IDataObject | undefined): string | undefined {
	const properties = (encryptionSchema?.properties ?? {}) as Record<string, IDataObject>;
	return Object.keys(properties).find((name) => /algo/i.test(name));
}

/** The property of an encryption spec that holds the public key (`publicKey`). */
export function publicKeyProperty(encryptionSchema: IDataObject | undefined): string | undefined {
	const properties = (encryptionSchema?.properties ?? {}) as Record<string, IDataObject>;
	return Object.keys(properties).find((name) => /key/i.test(name));
}

/** loadOptions: the algorithms the chosen encryption spec allows (its enum), default first. */
export async function getEncryptionAlgorithms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const spec = await pickedDestination(this);
	const wanted = this.getCurrentNodeParameter('encryptionMethod') as string | undefined;
	const encryption = (spec?.encryptionSpecs ?? []).find((e) => !wanted || e.name === wanted);
	const property = algorithmProperty(encryption?.spec);
	const schema = property ? encryption?.spec?.properties?.[property] : undefined;
	const choices = schema ? (choicesOf(schema) ?? []) : [];
	return choices.map((choice) => ({
		name: choice.title ?? String(choice.value),
		value: String(choice.value),
		description: schema?.default === choice.value ? "The spec's default" : undefined,
	}));
}

/** Datasets the Data Lake source can export, every page, once per execution. */
export async function listEligibleDatasets(ctx: AepContext, itemIndex?: number): Promise<IDataObject[]> {
	return await cachedPerExecution(
		ctx,
		'eligibleDatasets',
		async () =>
			await aepListByStartLimit(ctx, {
				path: `/connectionSpecs/${DATA_LAKE_SOURCE_SPEC_ID}/configs`,
				qs: { outputType: 'activationDatasets', outputField: 'datasets' },
				itemIndex,
			}),
	);
}

/** loadOptions: eligible datasets by name. */
export async function getEligibleDatasets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const datasets = await listEligibleDatasets(this);
	return datasets
		.map((dataset) => ({
			name: String(dataset.name ?? dataset.id),
			value: String(dataset.id),
			description: `ID ${String(dataset.id)}${dataset.state ? `, ${String(dataset.state)}` : ''}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** resourceMapping: the destination's target parameters, as its `targetSpec` defines them for this export type. */
export async function getTargetParameterFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const spec = await pickedDestination(this);
	if (!spec) return { fields: [], emptyFieldsNotice: 'Pick a destination first' };
	const schema = spec.targetSpec?.spec;
	if (!schema?.properties) return { fields: [], emptyFieldsNotice: `${spec.name} defines no target parameters` };
	const context = await conditionalContext(this, spec.id, editedExportType(this));
	return { fields: toResourceMapperFields(schemaFields(schema, context)) };
}
