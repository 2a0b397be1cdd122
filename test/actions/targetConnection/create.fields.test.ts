/** Target Connection → Create: target parameters generated from the live targetSpec. */
import nock from 'nock';
import type { ConnectionSpec } from '../../../nodes/AdobeExperiencePlatform/domain/catalogue';
import { EMPTY_STRING_OPTION } from '../../../nodes/AdobeExperiencePlatform/domain/schema/fields';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { resourceMapping } from '../../harness/load-options';
import { DESTINATION_SLUGS, connectionSpecFixture, destinationPicked, expectConnectionSpec, expectFlowSpecs } from '../../harness/fixtures';
import { NODE, LOCATION, CSV_FIELDS, ExportType } from './helpers';

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
