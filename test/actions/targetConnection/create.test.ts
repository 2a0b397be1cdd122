/**
 * AEP Create Target Connection through the real engine: target parameters generated from the live
 * targetSpec (conditionals per export type), POST bodies equal to the seeds' examples for the six
 * destinations, pre-flight checks (patterns, required, enums, compressed JSON), find-or-create.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import type { ConnectionSpec } from '../../../nodes/AdobeExperiencePlatform/domain/catalogue';
import { EMPTY_STRING_OPTION, schemaFields, toResourceMapperFields } from '../../../nodes/AdobeExperiencePlatform/domain/schema/fields';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import {
	assertAllRequestsMade,
	expectNameLookup,
	expectPost,
	expectTokenRequest,
	flowService,
	resetNock,
	TOKEN,
} from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import type { DestinationSlug } from '../../harness/fixtures';
import { resourceMapping } from '../../harness/load-options';
import { DESTINATION_SLUGS, connectionSpecFixture, destinationPicked, expectConnectionSpec, expectFlowSpecs, fillPlaceholders, fixture } from '../../harness/fixtures';

const NODE = aepOperation('targetConnection', 'create');
const CREATED = fixture('seed-examples/000-target-connection.response.json');
const BASE_CONNECTION_ID = '12401496-2573-4ca7-8137-fef1aeb9dd4c';
const PLACEHOLDERS = {
	'<FROM_STEP_CREATE_TARGET_BASE_CONNECTION>': BASE_CONNECTION_ID,
	'<FROM_STEP_CREATE_BASE_CONNECTION>': BASE_CONNECTION_ID,
};
const DATASET_FLOW_SPECS: Record<DestinationSlug, string> = {
	'amazon-s3': '269ba276-16fc-47db-92b0-c1049a3c131f',
	'azure-blob': '95bd8965-fc8a-4119-b9c3-944c2c2df6d2',
	'adls-gen2': '17be2013-2549-41ce-96e7-a70363bec293',
	'data-landing-zone': 'cd2fc47e-e838-4f38-a581-8fff2f99b63a',
	'google-cloud-storage': '585c15c4-6cbf-4126-8f87-e26bff78b657',
	sftp: '354d6aad-4754-46e4-a576-1b384561c440',
};
const AUDIENCE_FLOW_SPECS: Record<DestinationSlug, string> = {
	'amazon-s3': '1a0514a6-33d4-4c7f-aff8-594799c47549',
	'azure-blob': '752d422f-b16f-4f0d-b1c6-26e448e3b388',
	'adls-gen2': 'db060570-a155-418a-a6d3-b4d97698e5dc',
	'data-landing-zone': '7e635b9f-e59b-4546-8ba8-fce6496693c8',
	'google-cloud-storage': '976d663b-80b4-4193-be6b-2d0487516623',
	sftp: 'fd36aaa4-bf2b-43fb-9387-43785eeeb799',
};
/** Each destination's location parameters, as its targetSpec names them. */
const LOCATION: Record<DestinationSlug, IDataObject> = {
	'amazon-s3': { bucketName: 'your-bucket-name', path: 'folder/subfolder' },
	'azure-blob': { path: 'folder/subfolder', container: 'your-container-name' },
	'adls-gen2': { path: 'folder/subfolder' },
	'data-landing-zone': { path: 'folder/subfolder' },
	'google-cloud-storage': { bucketName: 'your-bucket-name', path: 'folder/subfolder' },
	sftp: { remotePath: 'folder/subfolder' },
};
const CSV_FIELDS = ['csvOptions.quote', 'csvOptions.escape', 'csvOptions.delimiter', 'csvOptions.nullValue', 'csvOptions.emptyValue'];

type ExportType = 'datasets' | 'audiences';

/** The resource mapper's values as the editor saves them: dotted IDs, the empty choice under its stand-in. */
function mapperValues(params: IDataObject): IDataObject {
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
function targetParameters(spec: ConnectionSpec, exportType: ExportType, values: IDataObject, withSchema = true) {
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

function nodeParameters(
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

function expectCreate(times = 1) {
	return expectPost<IDataObject>('/targetConnections', CREATED, { times });
}

/** Runs start from a credential that already holds a token, as after its first use. */
async function runTarget(parameters: IDataObject, input?: IDataObject[]) {
	return await runWorkflow({
		...chain([{ name: 'Target', type: NODE, parameters }]),
		credentials: aepCredentials({ accessToken: TOKEN }),
		input,
	});
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('target parameters generated from the live targetSpec', () => {
	// No token yet: the spec and the flow specs are read in parallel, and still only one token is fetched.
	const request = (spec: ConnectionSpec, exportType: ExportType) => {
		expectTokenRequest();
		return {
			nodeType: NODE,
			parameters: { exportType, destination: destinationPicked(spec) },
			credentials: aepCredentials(),
		};
	};

	test('Amazon S3, datasets: titles, required marks and dropdowns; datasetFileType, no fileType or CSV options', async () => {
		const spec = connectionSpecFixture('amazon-s3');
		expectConnectionSpec(spec);
		expectFlowSpecs();

		const { fields } = await resourceMapping('getTargetParameterFields', request(spec, 'datasets'));

		assertAllRequestsMade();
		const common = { defaultMatch: false, canBeUsedToMatch: false, display: true, removed: false };
		expect(fields).toEqual([
			{ ...common, id: 'bucketName', displayName: 'Bucket name', required: true, type: 'string' },
			{ ...common, id: 'path', displayName: 'Folder path', required: true, type: 'string' },
			{
				...common,
				id: 'datasetFileType',
				displayName: 'File Type',
				required: true,
				type: 'options',
				options: [
					{ name: 'JSON', value: 'JSON' },
					{ name: 'PARQUET', value: 'PARQUET' },
				],
			},
			{
				...common,
				id: 'compression',
				displayName: 'Compression format',
				required: true,
				type: 'options',
				options: [
					{ name: 'NONE', value: 'NONE' },
					{ name: 'GZIP', value: 'GZIP' },
				],
			},
		]);
	});

	test('Amazon S3, audiences: fileType, and csvOptions field by field with titled choices and defaults', async () => {
		const spec = connectionSpecFixture('amazon-s3');
		expectConnectionSpec(spec);
		expectFlowSpecs();

		const { fields } = await resourceMapping('getTargetParameterFields', request(spec, 'audiences'));

		assertAllRequestsMade();
		const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
		expect(fields.map((field) => field.id)).toEqual(['bucketName', 'path', 'fileType', ...CSV_FIELDS, 'compression']);
		expect(byId.fileType).toMatchObject({
			displayName: 'File Type',
			required: true,
			options: [
				{ name: 'CSV', value: 'CSV' },
				{ name: 'JSON', value: 'JSON' },
				{ name: 'PARQUET', value: 'PARQUET' },
			],
		});
		expect(byId['csvOptions.quote']).toMatchObject({
			displayName: 'CSV Options: Quote Character (when File Type is CSV)',
			required: false,
			type: 'options',
			options: [
				{ name: 'Double Quotes (")', value: '"' },
				{ name: 'Null Character (\\)', value: EMPTY_STRING_OPTION },
			],
			defaultValue: EMPTY_STRING_OPTION,
		});
		expect(byId['csvOptions.delimiter']).toMatchObject({
			displayName: 'CSV Options: Delimiter (when File Type is CSV)',
			defaultValue: ',',
			options: [
				{ name: 'Comma (,)', value: ',' },
				{ name: 'Tab (\\t)', value: '\t' },
				{ name: 'Pipe (|)', value: '|' },
				{ name: 'Semicolon (;)', value: ';' },
				{ name: 'Colon (:)', value: ':' },
			],
		});
		expect(byId['csvOptions.nullValue']).toMatchObject({ defaultValue: 'null', required: false });
		expect(byId['csvOptions.emptyValue']).toMatchObject({ defaultValue: EMPTY_STRING_OPTION, required: false });
		expect(byId['csvOptions.escape']).toMatchObject({ defaultValue: '\\' });
	});

	test.each(DESTINATION_SLUGS.flatMap((slug) => [[slug, 'datasets'] as const, [slug, 'audiences'] as const]))(
		'%s, %s: the fields are the spec\'s properties that apply',
		async (slug, exportType) => {
			const spec = connectionSpecFixture(slug);
			expectConnectionSpec(spec);
			expectFlowSpecs();

			const { fields } = await resourceMapping('getTargetParameterFields', request(spec, exportType));

			assertAllRequestsMade();
			const location = Object.keys(LOCATION[slug]);
			const expectedIds =
				exportType === 'datasets'
					? [...location, 'datasetFileType', 'compression']
					: [...location, 'fileType', ...CSV_FIELDS, 'compression'];
			// Spec order, e.g. Azure Blob declares path before container.
			expect([...fields.map((field) => field.id)].sort()).toEqual([...expectedIds].sort());
			const declared = Object.keys(spec.targetSpec!.spec!.properties!);
			const positions = fields.map((field) => declared.indexOf(field.id.split('.')[0]));
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
			expect(fields.filter((field) => field.required).map((field) => field.id).sort()).toEqual(
				[...location, exportType === 'datasets' ? 'datasetFileType' : 'fileType', 'compression'].sort(),
			);
			const compression = fields.find((field) => field.id === 'compression')!;
			expect(compression.options!.map((option) => option.value)).toEqual(
				slug === 'sftp' ? ['GZIP', 'NONE'] : ['NONE', 'GZIP'],
			);
		},
	);

	test('no destination picked: a notice and no request', async () => {
		const result = await resourceMapping('getTargetParameterFields', {
			nodeType: NODE,
			parameters: { exportType: 'datasets', destination: { __rl: true, mode: 'list', value: '' } },
			credentials: aepCredentials(),
		});
		expect(result).toEqual({ fields: [], emptyFieldsNotice: 'Pick a destination first' });
	});
});

interface BodyCase {
	slug: DestinationSlug;
	exportType: ExportType;
	seed: string;
	/** What differs from the seed's example, and why (fixtures README). */
	change?: (body: IDataObject) => void;
}

/** Seed 000 and seed 004 send JSON uncompressed, which their own warning forbids: the one change. */
const compressJson = (body: IDataObject) => {
	(body.params as IDataObject).compression = 'GZIP';
};
/** Seed 004's CSV examples all carry S3's bucketName + path (README §5.6): the destination's own location instead. */
const ownLocation = (slug: DestinationSlug) => (body: IDataObject) => {
	const params = body.params as IDataObject;
	delete params.bucketName;
	delete params.path;
	Object.assign(params, LOCATION[slug]);
};

const BODY_CASES: BodyCase[] = [
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

describe('POST /targetConnections equals the seeds\' examples', () => {
	test.each(BODY_CASES)('$seed ($exportType)', async ({ slug, exportType, seed, change }) => {
		const spec = connectionSpecFixture(slug);
		const expected = fillPlaceholders(fixture(`seed-examples/${seed}.json`), PLACEHOLDERS);
		change?.(expected);
		expected.baseConnectionId = BASE_CONNECTION_ID;
		expectConnectionSpec(spec);
		expectFlowSpecs();
		const sent = expectCreate();

		const result = await runTarget(nodeParameters(spec, exportType, expected as { name: string; params: IDataObject }));

		assertAllRequestsMade();
		expect(result.error('Target')).toBeUndefined();
		expect(sent).toEqual([expected]);
		const flowSpecId = (exportType === 'datasets' ? DATASET_FLOW_SPECS : AUDIENCE_FLOW_SPECS)[slug];
		expect(result.output('Target').map((item) => item.json)).toEqual([
			{
				id: CREATED.id,
				etag: CREATED.etag,
				name: expected.name,
				created: true,
				connectionSpec: { id: spec.id, version: '1.0' },
				destination: spec.name,
				baseConnectionId: BASE_CONNECTION_ID,
				params: expected.params,
				exportType,
				flowSpec: { id: flowSpecId, version: '1.0' },
			},
		]);
	});

	test('the Base Connection ID comes from the previous node by default, and the catalogue is read once for all items (1 + 1 + 2 requests)', async () => {
		const spec = connectionSpecFixture('sftp');
		const expected = fillPlaceholders(fixture('seed-examples/000-target-connection-sftp.request.json'), PLACEHOLDERS);
		compressJson(expected);
		expectConnectionSpec(spec);
		expectFlowSpecs();
		const sent = expectCreate(2);
		const parameters = nodeParameters(spec, 'datasets', expected as { name: string; params: IDataObject });
		delete parameters.baseConnectionId; // the node's default: empty, so the incoming item's id
		const other = 'a1b2c3d4-0000-4000-8000-000000000002';

		const result = await runTarget(parameters, [{ id: BASE_CONNECTION_ID }, { id: other }]);

		assertAllRequestsMade();
		expect(sent.map((body) => body.baseConnectionId)).toEqual([BASE_CONNECTION_ID, other]);
		expect(result.output('Target').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('CSV options are dropped when the file type is not CSV (their conditional), and datasetFileType from a stale mapping in an audience export', async () => {
		const spec = connectionSpecFixture('amazon-s3');
		expectConnectionSpec(spec);
		expectFlowSpecs();
		const sent = expectCreate();
		const params = {
			...LOCATION['amazon-s3'],
			fileType: 'PARQUET',
			compression: 'NONE',
			'csvOptions.delimiter': ';',
			'csvOptions.quote': EMPTY_STRING_OPTION,
			datasetFileType: 'JSON',
		};

		const result = await runTarget({
			exportType: 'audiences',
			destination: destinationPicked(spec),
			name: 'Parquet audiences',
			baseConnectionId: BASE_CONNECTION_ID,
			targetParameters: { mappingMode: 'defineBelow', value: params },
			mode: 'Server-to-server',
			ifExists: 'create',
		});

		assertAllRequestsMade();
		expect(result.error('Target')).toBeUndefined();
		expect(sent[0].params).toEqual({
			mode: 'Server-to-server',
			bucketName: 'your-bucket-name',
			path: 'folder/subfolder',
			fileType: 'PARQUET',
			compression: 'NONE',
		});
	});
});

describe('the targetSpec\'s conditionals follow the chosen export type, not what the flow spec lists', () => {
	const s3 = connectionSpecFixture('amazon-s3');
	const DATA_LAKE = '23598e46-f560-407b-88d5-ea6207e49db0';
	const PROFILE_STORE = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';
	/** One flow spec for both export types: both sources, and a `_workflow` that names only one of them. */
	const expectSharedFlowSpec = (workflow: string) =>
		flowService()
			.get('/flowSpecs')
			.query({ limit: '100' })
			.reply(200, {
				items: [
					{
						id: 'b1f2c3d4-0000-4000-8000-00000000f10e',
						name: 'Amazon S3 (datasets and audiences)',
						version: '1.0',
						sourceConnectionSpecIds: [DATA_LAKE, PROFILE_STORE],
						targetConnectionSpecIds: [s3.id],
						attributes: { _workflow: workflow },
					},
				],
			});

	const run = async (exportType: ExportType, params: IDataObject) =>
		await runTarget({
			exportType,
			destination: destinationPicked(s3),
			name: 'Shared flow spec',
			baseConnectionId: BASE_CONNECTION_ID,
			targetParameters: { mappingMode: 'defineBelow', value: params },
			mode: 'Server-to-server',
			ifExists: 'create',
		});

	test('a dataset export on a destination whose flow spec lists both types sends no fileType', async () => {
		expectConnectionSpec(s3);
		expectSharedFlowSpec('SEGMENTS');
		const sent = expectCreate();

		const result = await run('datasets', { ...LOCATION['amazon-s3'], datasetFileType: 'PARQUET', fileType: 'CSV', compression: 'GZIP' });

		assertAllRequestsMade();
		expect(result.error('Target')).toBeUndefined();
		expect(sent[0].params).toEqual({
			mode: 'Server-to-server',
			...LOCATION['amazon-s3'],
			datasetFileType: 'PARQUET',
			compression: 'GZIP',
		});
	});

	test('an audience export on the same kind of flow spec (named DATASETS) sends the fileType, and requires it', async () => {
		expectConnectionSpec(s3);
		expectSharedFlowSpec('DATASETS');
		const sent = expectCreate();

		const result = await run('audiences', { ...LOCATION['amazon-s3'], fileType: 'PARQUET', datasetFileType: 'JSON', compression: 'GZIP' });

		assertAllRequestsMade();
		expect(result.error('Target')).toBeUndefined();
		expect(sent[0].params).toEqual({ mode: 'Server-to-server', ...LOCATION['amazon-s3'], fileType: 'PARQUET', compression: 'GZIP' });

		expectConnectionSpec(s3);
		expectSharedFlowSpec('DATASETS');
		const missing = await run('audiences', { ...LOCATION['amazon-s3'], compression: 'GZIP' });
		assertAllRequestsMade();
		expect(missing.error('Target')!.message).toContain('Missing File Type');
	});

	test('the editor offers the fields of the chosen export type', async () => {
		for (const [exportType, shown, hidden] of [
			['datasets', 'datasetFileType', 'fileType'],
			['audiences', 'fileType', 'datasetFileType'],
		] as const) {
			expectConnectionSpec(s3);
			expectSharedFlowSpec(exportType === 'datasets' ? 'SEGMENTS' : 'DATASETS');
			const { fields } = await resourceMapping('getTargetParameterFields', {
				nodeType: NODE,
				parameters: { exportType, destination: destinationPicked(s3) },
				credentials: aepCredentials({ accessToken: TOKEN }),
			});
			assertAllRequestsMade();
			const ids = fields.map((field) => field.id);
			expect(ids).toContain(shown);
			expect(ids).not.toContain(hidden);
		}
	});
});

describe('audience exports offer Adobe\'s manifest file option', () => {
	test('Include Manifest File sends params.includeFileManifest: true; a dataset export never sends it', async () => {
		const s3 = connectionSpecFixture('amazon-s3');
		const base = {
			destination: destinationPicked(s3),
			name: 'Manifest',
			baseConnectionId: BASE_CONNECTION_ID,
			mode: 'Server-to-server',
			ifExists: 'create',
			options: { includeFileManifest: true },
		};
		// Two executions: each reads the catalogue once.
		expectConnectionSpec(s3, 2);
		expectFlowSpecs(2);
		const sent = expectCreate(2);

		const audiences = await runTarget({
			...base,
			exportType: 'audiences',
			targetParameters: { mappingMode: 'defineBelow', value: { ...LOCATION['amazon-s3'], fileType: 'PARQUET', compression: 'GZIP' } },
		});
		const datasets = await runTarget({
			...base,
			exportType: 'datasets',
			targetParameters: { mappingMode: 'defineBelow', value: { ...LOCATION['amazon-s3'], datasetFileType: 'PARQUET', compression: 'GZIP' } },
		});

		expect(audiences.error('Target')).toBeUndefined();
		expect(datasets.error('Target')).toBeUndefined();
		assertAllRequestsMade();
		expect(sent[0].params).toEqual({
			mode: 'Server-to-server',
			...LOCATION['amazon-s3'],
			fileType: 'PARQUET',
			compression: 'GZIP',
			includeFileManifest: true,
		});
		expect(sent[1].params).not.toHaveProperty('includeFileManifest');
	});
});

describe('bad input fails before anything is sent, naming the field', () => {
	const s3 = connectionSpecFixture('amazon-s3');
	const valid = { name: 'S3 target', params: { ...LOCATION['amazon-s3'], compression: 'GZIP', datasetFileType: 'PARQUET' } };

	async function failWith(parameters: IDataObject, catalogue = true) {
		if (catalogue) {
				expectConnectionSpec(s3);
			expectFlowSpecs();
		}
		// No POST interceptor: a POST would fail with another message.
		const result = await runTarget(parameters);
		assertAllRequestsMade();
		return result.error('Target')!;
	}

	const withParams = (params: IDataObject, withSchema = true) => ({
		...nodeParameters(s3, 'datasets', valid),
		targetParameters: targetParameters(s3, 'datasets', mapperValues(params), withSchema),
	});

	test('a bucket name against the spec\'s pattern', async () => {
		const error = await failWith(withParams({ ...valid.params, bucketName: 'My_Bucket' }));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			`Invalid Bucket name in Target Parameters: "My_Bucket". Allowed: 3-63 characters: lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, and not an IP address, e.g. my-exports (the Amazon S3 targetSpec for dataset exports).`,
		);
		// The regular expression only in the details.
		expect(error.message).not.toContain('(?=^');
		expect(error.description).toContain(`Bucket name must match the pattern ${s3.targetSpec!.spec!.properties!.bucketName.pattern}.`);
	});

	test('a missing required field', async () => {
		const { path: _path, ...withoutPath } = valid.params as IDataObject;
		const error = await failWith(withParams(withoutPath, false));
		expect(error.message).toBe(
			'Missing Folder path in Target Parameters: the Amazon S3 targetSpec for dataset exports requires it.',
		);
	});

	test('an enum value the spec does not offer', async () => {
		// Without the saved field list (a workflow written by hand): the node's own check.
		const error = await failWith(withParams({ ...valid.params, compression: 'ZIP' }, false));
		expect(error.message).toBe(
			'Invalid Compression format in Target Parameters: "ZIP". Allowed: one of "NONE", "GZIP" (the Amazon S3 targetSpec for dataset exports).',
		);
	});

	test('with the field list the editor saved, n8n itself refuses a missing required field or a value not offered, before the run starts', async () => {
		const { path: _path, ...withoutPath } = valid.params as IDataObject;
		await expect(runTarget(withParams(withoutPath))).rejects.toThrow('Parameter "path" is required');
		await expect(runTarget(withParams({ ...valid.params, datasetFileType: 'CSV' }))).rejects.toThrow(
			"'datasetFileType' expects one of the following values: [JSON, PARQUET] but we got 'CSV'",
		);
		assertAllRequestsMade();
	});

	test.each(DESTINATION_SLUGS)('%s: the seed\'s own example (JSON, uncompressed) is refused: JSON exports must be compressed', async (slug) => {
		const spec = connectionSpecFixture(slug);
		const seed = fillPlaceholders(fixture(`seed-examples/000-target-connection-${slug}.request.json`), PLACEHOLDERS);
		expectConnectionSpec(spec);
		expectFlowSpecs();

		const result = await runTarget(nodeParameters(spec, 'datasets', seed as { name: string; params: IDataObject }));

		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			`Invalid Compression format in Target Parameters: "NONE". Allowed: a compression such as "GZIP" when the file type is JSON: AEP exports JSON files compressed only (Parquet may be uncompressed) (Adobe's export guide).`,
		);
	});

	test('a parameter of another destination (a stale field list)', async () => {
		const sftp = connectionSpecFixture('sftp');
		expectConnectionSpec(sftp);
		expectFlowSpecs();
		const result = await runTarget({
			...nodeParameters(sftp, 'datasets', valid),
			targetParameters: { mappingMode: 'defineBelow', value: mapperValues(valid.params) },
		});
		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			'Invalid Target Parameters: "bucketName, path". Allowed: the parameters of SFTP\'s targetSpec (remotePath, fileType, datasetFileType, csvOptions, compression). Refresh the field list after changing the destination.',
		);
	});

	test('a base connection ID that is not one, before any request', async () => {
		const error = await failWith({ ...nodeParameters(s3, 'datasets', valid), baseConnectionId: '={{ $json.nothing }}' }, false);
		expect(error.message).toBe(
			"Invalid Base Connection ID: an empty value. Allowed: the ID of a base connection (a UUID); when left empty, the incoming item's id, as output by AEP Create Base Connection.",
		);
	});
});

describe('if one with this name already exists', () => {
	const s3 = connectionSpecFixture('amazon-s3');
	const body = { name: 'S3 target', params: { mode: 'Server-to-server', ...LOCATION['amazon-s3'], compression: 'GZIP', datasetFileType: 'PARQUET' } };
	const existing = {
		id: '7f7c4442-4a06-48e2-96d7-eefcda766762',
		name: 'S3 target',
		baseConnectionId: BASE_CONNECTION_ID,
		connectionSpec: { id: s3.id, version: '1.0' },
		// AEP's echo may order keys differently.
		params: { path: 'folder/subfolder', bucketName: 'your-bucket-name', datasetFileType: 'PARQUET', compression: 'GZIP', mode: 'Server-to-server' },
		state: 'enabled',
		etag: '"5501abd7-4394-4930-b549-6aafbfd1aa77"',
	};

	const lookup = (items: IDataObject[]) => expectNameLookup('/targetConnections', 'S3 target', items);

	test('reuse: the same parameters, so the existing one is output and nothing is created', async () => {
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([existing]);

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(result.output('Target')[0].json).toMatchObject({
			id: existing.id,
			etag: existing.etag,
			created: false,
			params: existing.params,
			flowSpec: { id: DATASET_FLOW_SPECS['amazon-s3'], version: '1.0' },
		});
	});

	test('reuse never returns one with another base connection: the one on this base connection is reused', async () => {
		const otherBase = { ...existing, id: 'a1e6b1d0-1111-4c2e-9d7e-2f6a1b7c9e01', createdAt: 2, baseConnectionId: 'c0ffee00-0000-4000-8000-000000000001' };
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([otherBase, { ...existing, createdAt: 1 }]);

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(result.output('Target')[0].json).toMatchObject({ id: existing.id, created: false, baseConnectionId: BASE_CONNECTION_ID });
	});

	test('reuse: the name is taken only on another base connection (another pipeline), so one is created', async () => {
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([{ ...existing, baseConnectionId: 'c0ffee00-0000-4000-8000-000000000001' }]);
		const sent = expectCreate();

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(sent).toHaveLength(1);
		expect(result.output('Target')[0].json).toMatchObject({ created: true, baseConnectionId: BASE_CONNECTION_ID });
	});

	test('reuse refuses one with other parameters, naming them', async () => {
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([{ ...existing, params: { ...existing.params, path: 'old/folder' } }]);

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			'A target connection named "S3 target" already exists (ID 7f7c4442-4a06-48e2-96d7-eefcda766762) but cannot be reused: its parameters differ (path: "old/folder" there, "folder/subfolder" here)',
		);
	});

	test('fail', async () => {
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([existing]);

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'fail' }));

		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			'A target connection named "S3 target" already exists (ID 7f7c4442-4a06-48e2-96d7-eefcda766762)',
		);
	});
	test('a name with a comma cannot be looked up (a comma is "or" in AEP\'s filter): refused before any request', async () => {
		// No interceptor at all: the name is checked before the catalogue is read.
		const result = await runTarget(nodeParameters(s3, 'datasets', { ...body, name: 'S3, nightly' }, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			'Invalid Name: "S3, nightly". Allowed: a name without commas, because AEP\'s name filter reads a comma as "or". Remove the comma, or set "If One With This Name Already Exists" to Create Another, which does not look the name up.',
		);
	});
});
