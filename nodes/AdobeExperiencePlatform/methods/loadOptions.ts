/** Dropdowns filled from the live catalogue and from the dataflow being edited. */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { flowSpecsFor, getFlowSpecs } from '../api/catalogue';
import { cachedCatalogue } from '../api/catalogueCache';
import { DATASET_PICKER_TTL_MS, listEligibleDatasets } from '../api/datasets';
import { getDataflow } from '../api/flows';
import { AUTOMATIC_FLOW_SPEC } from '../descriptions/dataflow';
import { storageCredentialOptions } from '../descriptions/storageCredentials';
import type { FlowSpec } from '../domain/catalogue';
import { flowSpecServes } from '../domain/catalogue';
import { dataflowAudiences, dataflowProfileAttributes } from '../domain/dataflow';
import { datasetChoice } from '../domain/datasets';
import { algorithmProperty } from '../domain/encryption';
import { cleanDescription } from '../domain/schema/cleanText';
import { choicesOf } from '../domain/schema/validate';
import { fittingCredentialOptions } from '../domain/storageCredentials/fit';
import { isUuid } from '../domain/uuid';
import { editedExportType, editedLocatorValue } from './editedParameters';
import { pickedDestination } from './pickedDestination';

/** loadOptions: the flow specs serving the chosen destination and export type (all of the type without a destination). */
export async function getFlowSpecOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const exportType = editedExportType(this);
	const destination = editedLocatorValue(this, 'destination');
	const specs: FlowSpec[] = destination
		? await flowSpecsFor(this, destination, exportType)
		: (await getFlowSpecs(this)).filter((spec) => flowSpecServes(spec, exportType));
	return [
		{
			name: 'Automatic',
			value: AUTOMATIC_FLOW_SPEC,
			description: "The destination's only flow spec for this export type",
		},
		...specs
			.map((spec) => ({ name: String(spec.name ?? spec.id), value: spec.id, description: spec.id }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	];
}

/** loadOptions: the auth methods of the destination (`authSpec[].name`, the future `auth.specName`). */
export async function getAuthMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const spec = await pickedDestination(this);
	if (!spec) return [];
	const methods = spec.authSpec ?? [];
	if (methods.length === 0) {
		return [{ name: `None (${spec.name} takes no credentials)`, value: '' }];
	}
	const options = methods.map((method) => ({
		name: method.name,
		value: method.name,
		description: cleanDescription(method.spec?.description),
	}));
	// The empty choice means "the only auth method there is": say so where it is chosen.
	if (methods.length === 1) {
		options.unshift({
			name: `Automatic (${methods[0].name}, the Only One)`,
			value: '',
			description: `${spec.name} has one auth method, which is used`,
		});
	}
	return options;
}

/**
 * loadOptions: the storage credentials that can fill the chosen destination's auth method (every
 * one while no destination is picked).
 */
export async function getStorageCredentialTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const spec = await pickedDestination(this);
	if (!spec) return storageCredentialOptions();
	const authMethod = String(this.getCurrentNodeParameter('authMethod') ?? '');
	return fittingCredentialOptions(spec, authMethod.startsWith('=') ? '' : authMethod);
}

/** loadOptions: the destination's ways to encrypt exported files (`encryptionSpecs[].name`). */
export async function getEncryptionMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const spec = await pickedDestination(this);
	return (spec?.encryptionSpecs ?? []).map((encryption) => ({
		name: encryption.name,
		value: encryption.name,
		description: cleanDescription(encryption.spec?.description),
	}));
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

/**
 * loadOptions of version 1's multi-select: eligible datasets by name (every page, read in parallel;
 * kept for a short time). Version 1.1 pages through them instead (listSearch `searchDatasets`).
 */
export async function getEligibleDatasets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const datasets = await cachedCatalogue(this, 'eligibleDatasets', async () => await listEligibleDatasets(this), {
		ttlMs: DATASET_PICKER_TTL_MS,
	});
	return datasets.map(datasetChoice).sort((a, b) => a.name.localeCompare(b.name));
}

async function currentDataflow(ctx: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	const id = editedLocatorValue(ctx, 'dataflow');
	return isUuid(id) ? await getDataflow(ctx, id) : undefined;
}

/** loadOptions: the audiences already in the chosen dataflow. */
export async function getDataflowAudienceOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const flow = await currentDataflow(this);
	if (!flow) return [];
	return dataflowAudiences(flow)
		.filter((audience) => typeof audience.id === 'string')
		.map((audience) => ({
			name: String(audience.name ?? audience.id),
			value: String(audience.id),
			description: [audience.id, audience.exportMode, audience.frequency].filter(Boolean).join(' · '),
		}));
}

/** loadOptions: the profile attributes already in the chosen dataflow. */
export async function getDataflowProfileAttributeOptions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const flow = await currentDataflow(this);
	if (!flow) return [];
	return dataflowProfileAttributes(flow).map((path) => ({ name: path, value: path }));
}
