/** Shared by the create tests of this folder: fixtures, request expectations and workflow builders. */
import type { IDataObject } from 'n8n-workflow';
import type { ConnectionSpec } from '../../../nodes/AdobeExperiencePlatform/domain/catalogue';
import { EMPTY_STRING_OPTION, schemaFields, toResourceMapperFields } from '../../../nodes/AdobeExperiencePlatform/domain/schema/fields';
import { expectPost, TOKEN } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import type { DestinationSlug } from '../../harness/fixtures';
import { DESTINATION_SLUGS, destinationPicked, fixture } from '../../harness/fixtures';

export const NODE = aepOperation('targetConnection', 'create');

export const CREATED = fixture('seed-examples/000-target-connection.response.json');

export const BASE_CONNECTION_ID = '12401496-2573-4ca7-8137-fef1aeb9dd4c';

export const PLACEHOLDERS = {
	'<FROM_STEP_CREATE_TARGET_BASE_CONNECTION>': BASE_CONNECTION_ID,
	'<FROM_STEP_CREATE_BASE_CONNECTION>': BASE_CONNECTION_ID,
};

export const DATASET_FLOW_SPECS: Record<DestinationSlug, string> = {
	'amazon-s3': '269ba276-16fc-47db-92b0-c1049a3c131f',
	'azure-blob': '95bd8965-fc8a-4119-b9c3-944c2c2df6d2',
	'adls-gen2': '17be2013-2549-41ce-96e7-a70363bec293',
	'data-landing-zone': 'cd2fc47e-e838-4f38-a581-8fff2f99b63a',
	'google-cloud-storage': '585c15c4-6cbf-4126-8f87-e26bff78b657',
	sftp: '354d6aad-4754-46e4-a576-1b384561c440',
};

export const AUDIENCE_FLOW_SPECS: Record<DestinationSlug, string> = {
	'amazon-s3': '1a0514a6-33d4-4c7f-aff8-594799c47549',
	'azure-blob': '752d422f-b16f-4f0d-b1c6-26e448e3b388',
	'adls-gen2': 'db060570-a155-418a-a6d3-b4d97698e5dc',
	'data-landing-zone': '7e635b9f-e59b-4546-8ba8-fce6496693c8',
	'google-cloud-storage': '976d663b-80b4-4193-be6b-2d0487516623',
	sftp: 'fd36aaa4-bf2b-43fb-9387-43785eeeb799',
};

/** Each destination's location parameters, as its targetSpec names them. */
export const LOCATION: Record<DestinationSlug, IDataObject> = {
	'amazon-s3': { bucketName: 'your-bucket-name', path: 'folder/subfolder' },
	'azure-blob': { path: 'folder/subfolder', container: 'your-container-name' },
	'adls-gen2': { path: 'folder/subfolder' },
	'data-landing-zone': { path: 'folder/subfolder' },
	'google-cloud-storage': { bucketName: 'your-bucket-name', path: 'folder/subfolder' },
	sftp: { remotePath: 'folder/subfolder' },
};

export const CSV_FIELDS = ['csvOptions.quote', 'csvOptions.escape', 'csvOptions.delimiter', 'csvOptions.nullValue', 'csvOptions.emptyValue'];

export type ExportType = 'datasets' | 'audiences';

/** The resource mapper's values as the editor saves them: dotted IDs, the empty choice under its stand-in. */
export function mapperValues(params: IDataObject): IDataObject {
	const values: IDataObject = {};
	const put = (prefix: string, object: IDataObject) => {
		for (const [key, value] of Object.entries(object)) {
			if (value && typeof value === 'object') put(`${prefix}${key}.`, value as IDataObject);
			else values[`${prefix}${key}`] = value === '' ? EMPTY_STRING_OPTION : value;
		}
	};
	put('', params);
	return values;
}

/** What the editor saves for the Target Parameters: values plus the generated fields. */
export function targetParameters(spec: ConnectionSpec, exportType: ExportType, values: IDataObject, withSchema = true) {
	const flowSpec = { attributes: exportType === 'datasets' ? { _workflow: 'DATASETS' } : {} };
	return {
		mappingMode: 'defineBelow',
		value: values,
		matchingColumns: [],
		schema: withSchema ? toResourceMapperFields(schemaFields(spec.targetSpec!.spec!, { flowSpec })) : [],
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

export function nodeParameters(
	spec: ConnectionSpec,
	exportType: ExportType,
	body: { name: string; params: IDataObject },
	extra: IDataObject = {},
): IDataObject {
	const { mode, ...params } = body.params;
	return {
		exportType,
		destination: destinationPicked(spec),
		name: body.name,
		baseConnectionId: BASE_CONNECTION_ID,
		targetParameters: targetParameters(spec, exportType, mapperValues(params)),
		mode: mode ?? '',
		ifExists: 'create',
		...extra,
	};
}

export function expectCreate(times = 1) {
	return expectPost<IDataObject>('/targetConnections', CREATED, { times });
}

/** Runs start from a credential that already holds a token, as after its first use. */
export async function runTarget(parameters: IDataObject, input?: IDataObject[]) {
	return await runWorkflow({
		...chain([{ name: 'Target', type: NODE, parameters }]),
		credentials: aepCredentials({ accessToken: TOKEN }),
		input,
	});
}

export interface BodyCase {
	slug: DestinationSlug;
	exportType: ExportType;
	seed: string;
	/** What differs from the seed's example, and why (fixtures README). */
	change?: (body: IDataObject) => void;
}

/** Seed 000 and seed 004 send JSON uncompressed, which their own warning forbids: the one change. */
export const compressJson = (body: IDataObject) => {
	(body.params as IDataObject).compression = 'GZIP';
};

/** Seed 004's CSV examples all carry S3's bucketName + path (README §5.6): the destination's own location instead. */
export const ownLocation = (slug: DestinationSlug) => (body: IDataObject) => {
	const params = body.params as IDataObject;
	delete params.bucketName;
	delete params.path;
	Object.assign(params, LOCATION[slug]);
};

export const BODY_CASES: BodyCase[] = [
	...DESTINATION_SLUGS.map((slug): BodyCase => ({
		slug,
		exportType: 'datasets',
		seed: `000-target-connection-${slug}.request`,
		change: compressJson,
	})),
	...DESTINATION_SLUGS.map((slug): BodyCase => ({
		slug,
		exportType: 'audiences',
		seed: `004-target-connection-${slug}.request`,
		change: compressJson,
	})),
	...DESTINATION_SLUGS.map((slug): BodyCase => ({
		slug,
		exportType: 'audiences',
		seed: `004-target-connection-${slug}-csv.request`,
		change: slug === 'amazon-s3' || slug === 'google-cloud-storage' ? undefined : ownLocation(slug),
	})),
	{ slug: 'amazon-s3', exportType: 'datasets', seed: 'openapi-postTargetConnection.request.Create_S3_Target_Connection_Dataset' },
	{ slug: 'amazon-s3', exportType: 'audiences', seed: 'openapi-postTargetConnection.request.Create_S3_Target_Connection_Segment' },
];
