/**
 * The destinations catalogue as the live API gives it (connection specs and flow specs), and which
 * flow specs serve which export type. Reading it is `api/catalogue.ts`'s job.
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_LAKE_SOURCE_SPEC_ID, PROFILE_STORE_SOURCE_SPEC_ID } from './constants';
import type { JsonSchema } from './schema/types';

export type { JsonSchema } from './schema/types';

export type ExportType = 'datasets' | 'audiences';

export interface AuthSpec extends IDataObject {
	name: string;
	type?: string;
	spec?: JsonSchema;
}

/** One way of encrypting exported files (PGP/GPG), chosen by `encryptionSpecs.specName`. */
export interface EncryptionSpec extends IDataObject {
	name: string;
	type?: string;
	spec?: JsonSchema;
}

export interface ConnectionSpec extends IDataObject {
	id: string;
	name: string;
	version?: string;
	authSpec?: AuthSpec[];
	encryptionSpecs?: EncryptionSpec[];
	targetSpec?: { name?: string; type?: string; spec?: JsonSchema };
	attributes?: IDataObject;
}

export interface FlowSpec extends IDataObject {
	id: string;
	name: string;
	version?: string;
	sourceConnectionSpecIds?: string[];
	targetConnectionSpecIds?: string[];
	attributes?: IDataObject;
}

/**
 * The flow specs Adobe's tutorials name ("Export datasets by using the Flow Service API" for
 * datasets, "Activate audiences to file-based destinations by using the Flow Service API" for
 * audiences): used only when the live catalogue is silent. The audience tutorial repeats the dataset
 * flow specs for ADLS Gen2, Data Landing Zone and Google Cloud Storage (a copy error); the audience
 * ones here are the "Segment" flow specs of Adobe's destinations OpenAPI spec.
 */
export const FALLBACK_DESTINATIONS: ReadonlyArray<{
	name: string;
	connectionSpecId: string;
	datasetFlowSpecId: string;
	audienceFlowSpecId: string;
}> = [
	{
		name: 'Amazon S3',
		connectionSpecId: '4fce964d-3f37-408f-9778-e597338a21ee',
		datasetFlowSpecId: '269ba276-16fc-47db-92b0-c1049a3c131f',
		audienceFlowSpecId: '1a0514a6-33d4-4c7f-aff8-594799c47549',
	},
	{
		name: 'Azure Blob Storage',
		connectionSpecId: '6d6b59bf-fb58-4107-9064-4d246c0e5bb2',
		datasetFlowSpecId: '95bd8965-fc8a-4119-b9c3-944c2c2df6d2',
		audienceFlowSpecId: '752d422f-b16f-4f0d-b1c6-26e448e3b388',
	},
	{
		name: 'Azure Data Lake Storage Gen2',
		connectionSpecId: 'be2c3209-53bc-47e7-ab25-145db8b873e1',
		datasetFlowSpecId: '17be2013-2549-41ce-96e7-a70363bec293',
		audienceFlowSpecId: 'db060570-a155-418a-a6d3-b4d97698e5dc',
	},
	{
		name: 'Data Landing Zone',
		connectionSpecId: '10440537-2a7b-4583-ac39-ed38d4b848e8',
		datasetFlowSpecId: 'cd2fc47e-e838-4f38-a581-8fff2f99b63a',
		audienceFlowSpecId: '7e635b9f-e59b-4546-8ba8-fce6496693c8',
	},
	{
		name: 'Google Cloud Storage',
		connectionSpecId: 'c5d93acb-ea8b-4b14-8f53-02138444ae99',
		datasetFlowSpecId: '585c15c4-6cbf-4126-8f87-e26bff78b657',
		audienceFlowSpecId: '976d663b-80b4-4193-be6b-2d0487516623',
	},
	{
		name: 'SFTP',
		connectionSpecId: '36965a81-b1c6-401b-99f8-22508f1e6a26',
		datasetFlowSpecId: '354d6aad-4754-46e4-a576-1b384561c440',
		audienceFlowSpecId: 'fd36aaa4-bf2b-43fb-9387-43785eeeb799',
	},
];

/** The source connection spec data of this export type comes from: the Data Lake or the Profile store. */
export function sourceSpecOf(exportType: ExportType): string {
	return exportType === 'datasets' ? DATA_LAKE_SOURCE_SPEC_ID : PROFILE_STORE_SOURCE_SPEC_ID;
}

function workflowOf(flowSpec: FlowSpec): string {
	const workflow = flowSpec.attributes?._workflow;
	return (Array.isArray(workflow) ? workflow.join(',') : String(workflow ?? '')).toUpperCase();
}

/**
 * Whether a flow spec moves data of this export type: its source is the Data Lake (datasets) or the
 * Profile store (audiences); where a spec names no sources, its `_workflow` attribute decides.
 */
export function flowSpecServes(flowSpec: FlowSpec, exportType: ExportType): boolean {
	const sources = flowSpec.sourceConnectionSpecIds ?? [];
	if (sources.length) return sources.includes(sourceSpecOf(exportType));
	const workflow = workflowOf(flowSpec);
	if (!workflow) return false;
	return exportType === 'datasets' ? workflow.includes('DATASET') : !workflow.includes('DATASET');
}

/**
 * The flow spec as a targetSpec `conditional` must see it for this export type. Adobe's specs
 * tell dataset parameters from audience ones by `flowSpec.attributes._workflow` CONTAINS
 * "DATASETS"; a flow spec that serves both types (or names no workflow) must not decide that, the
 * export type the user chose does: datasets read "DATASETS", audiences whatever else the flow spec
 * lists (nothing, when it lists only DATASETS).
 */
export function workflowContext(flowSpec: FlowSpec, exportType: ExportType): FlowSpec {
	const attributes: IDataObject = { ...(flowSpec.attributes ?? {}) };
	if (exportType === 'datasets') {
		attributes._workflow = 'DATASETS';
	} else {
		const workflow = attributes._workflow;
		const listed = (Array.isArray(workflow) ? workflow : workflow === undefined ? [] : [workflow]).map(String);
		const others = listed.filter((entry) => !entry.toUpperCase().includes('DATASET'));
		if (others.length) attributes._workflow = Array.isArray(workflow) ? others : others[0];
		else delete attributes._workflow;
	}
	return { ...flowSpec, attributes };
}
