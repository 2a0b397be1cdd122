/** The simulation's JSON Schema subset, against the real connection specs in fixtures/. */
import type { ConnectionSpec } from '../../sim/catalogue';
import type { JsonSchema } from '../../sim/json-schema';
import { validateJsonSchema } from '../../sim/json-schema';
import { readFixture } from './helpers';

const s3 = readFixture<ConnectionSpec>('connectionSpecs', 'amazon-s3.json');
const sftp = readFixture<ConnectionSpec>('connectionSpecs', 'sftp.json');
const target = s3.targetSpec!.spec!;
const datasetFlow = { attributes: { _workflow: 'DATASETS' } };
const audienceFlow = { attributes: {} };

const messages = (schema: JsonSchema, value: unknown, options?: Parameters<typeof validateJsonSchema>[2]) =>
	validateJsonSchema(schema, value, options).map((violation) => violation.message);

const s3Params = { bucketName: 'my-bucket', path: 'exports/out', compression: 'GZIP' };

describe('validateJsonSchema', () => {
	it('checks required properties, patterns and formats of an auth spec', () => {
		const accessKey = s3.authSpec![0].spec!;
		expect(messages(accessKey, { s3AccessKey: 'AKIAIOSFODNN7EXAMPLE', s3SecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })).toEqual([]);
		expect(messages(accessKey, { s3AccessKey: 'lowercase' })).toEqual([
			'$.s3SecretKey: is missing but it is required',
			'$.s3AccessKey: does not match the regex pattern ^[A-Z2-7]{20}$',
		]);
	});

	it('leaves workflow-conditional properties optional while the flow spec is unknown, but checks them', () => {
		const deferred = { context: s3Params, deferred: ['flowSpec'] };
		expect(messages(target, s3Params, deferred)).toEqual([]);
		expect(messages(target, { ...s3Params, datasetFileType: 'CSV' }, deferred)).toEqual([
			'$.datasetFileType: does not have a value in the enumeration [JSON, PARQUET]',
		]);
	});

	it('requires datasetFileType for a dataset flow spec and fileType for an audience flow spec', () => {
		expect(messages(target, s3Params, { context: { ...s3Params, flowSpec: datasetFlow } })).toEqual([
			'$.datasetFileType: is missing but it is required',
		]);
		expect(messages(target, s3Params, { context: { ...s3Params, flowSpec: audienceFlow } })).toEqual([
			'$.fileType: is missing but it is required',
		]);
		// A property whose condition is false is not checked at all.
		const params = { ...s3Params, datasetFileType: 'JSON', fileType: 'nonsense' };
		expect(messages(target, params, { context: { ...params, flowSpec: datasetFlow } })).toEqual([]);
	});

	it('checks csvOptions only when fileType is CSV, with its oneOf/const choices', () => {
		const csv = { ...s3Params, fileType: 'CSV', csvOptions: { delimiter: ',', quote: '"', escape: '\\', nullValue: 'null', emptyValue: '' } };
		expect(messages(target, csv, { context: { ...csv, flowSpec: audienceFlow } })).toEqual([]);
		const badDelimiter = { ...csv, csvOptions: { delimiter: '#' } };
		expect(messages(target, badDelimiter, { context: { ...badDelimiter, flowSpec: audienceFlow } })).toEqual([
			'$.csvOptions.delimiter: should be valid to one and only one schema, but 0 are valid',
		]);
		const json = { ...badDelimiter, fileType: 'JSON' };
		expect(messages(target, json, { context: { ...json, flowSpec: audienceFlow } })).toEqual([]);
	});

	it('reports wrong types and keeps SFTP auth methods apart', () => {
		const password = sftp.authSpec!.find((auth) => auth.name === 'SFTP with Password')!.spec!;
		expect(messages(password, { domain: 'h', username: 'u', password: 7 })).toEqual(['$.password: integer found, string expected']);
	});

	it('supports numbers, arrays, nested objects and additionalProperties: false', () => {
		const schema: JsonSchema = {
			type: 'object',
			additionalProperties: false,
			properties: {
				port: { type: 'integer', minimum: 1, maximum: 65535 },
				tags: { type: 'array', minItems: 1, items: { type: 'string', minLength: 2, maxLength: 3 } },
				nested: { type: 'object', required: ['x'], properties: { x: { type: ['string', 'null'] } } },
			},
		};
		expect(messages(schema, { port: 22, tags: ['ab'], nested: { x: null } })).toEqual([]);
		expect(messages(schema, { port: 0.5, tags: [], nested: {}, extra: 1 })).toEqual([
			'$.port: number found, integer expected',
			'$.tags: expected at least 1 items but found 0',
			'$.nested.x: is missing but it is required',
			'$.extra: is not defined in the schema and the schema does not allow additional properties',
		]);
		expect(messages(schema, { port: 70000, tags: ['a', 'abcd'] })).toEqual([
			'$.port: must have a maximum value of 65535',
			'$.tags[0]: must be at least 2 characters long',
			'$.tags[1]: may only be 3 characters long',
		]);
	});
});
