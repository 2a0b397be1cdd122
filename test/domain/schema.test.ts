/**
 * The shared JSON Schema layer against the fixtures' connection specs: conditionals as Flow Service
 * uses them, validation with messages that name the field, fields for n8n, and storage credentials
 * mapped onto whatever the live authSpec calls its properties.
 */
import type { IDataObject } from 'n8n-workflow';

import { evaluateConditional, pruneInapplicable } from '../../nodes/AdobeExperiencePlatform/domain/schema/conditional';
import { describeViolation } from '../../nodes/AdobeExperiencePlatform/domain/schema/describeViolation';
import { EMPTY_STRING_OPTION, schemaFields, valuesToParams } from '../../nodes/AdobeExperiencePlatform/domain/schema/fields';
import type { JsonSchema } from '../../nodes/AdobeExperiencePlatform/domain/schema/types';
import type { SchemaViolation } from '../../nodes/AdobeExperiencePlatform/domain/schema/validate';
import { validateSchema } from '../../nodes/AdobeExperiencePlatform/domain/schema/validate';
import { mapCredentialToAuthParams } from '../../nodes/AdobeExperiencePlatform/domain/storageCredentials/authParams';
import { storageCredentialKind } from '../../nodes/AdobeExperiencePlatform/domain/storageCredentials/registry';
import { DESTINATION_SLUGS, connectionSpecFixture, fixture } from '../harness/fixtures';

const s3 = connectionSpecFixture('amazon-s3');
const target = s3.targetSpec!.spec!;
const flowSpecs = fixture<{ items: IDataObject[] }>('flowSpecs-list.json').items;
const datasetFlow = { flowSpec: flowSpecs.find((spec) => spec.id === '269ba276-16fc-47db-92b0-c1049a3c131f')! };
const audienceFlow = { flowSpec: flowSpecs.find((spec) => spec.id === '1a0514a6-33d4-4c7f-aff8-594799c47549')! };

function messages(violations: SchemaViolation[], secret = false) {
	return violations.map((violation) =>
		describeViolation(violation, { subject: 'Target Parameters', schemaName: 'the spec', secret }),
	);
}

describe('conditionals', () => {
	const workflow = { field: 'flowSpec.attributes._workflow', operator: 'CONTAINS', value: 'DATASETS' };

	test('CONTAINS / NOT_CONTAINS read the flow spec: a string, an array, or (audience flow specs) nothing', () => {
		expect(evaluateConditional(workflow, { context: datasetFlow })).toBe(true);
		expect(evaluateConditional(workflow, { context: audienceFlow })).toBe(false);
		expect(evaluateConditional({ ...workflow, operator: 'NOT_CONTAINS' }, { context: audienceFlow })).toBe(true);
		expect(
			evaluateConditional(workflow, { context: { flowSpec: { attributes: { _workflow: ['PROFILES', 'datasets'] } } } }),
		).toBe(true);
	});

	test('a field that cannot be known yet is undefined: no context, or a sibling value not given yet', () => {
		expect(evaluateConditional(workflow, {})).toBeUndefined();
		const csv = target.properties!.csvOptions.conditional!;
		expect(evaluateConditional(csv, { declared: target.properties, context: audienceFlow })).toBeUndefined();
		expect(evaluateConditional(csv, { declared: target.properties, siblings: { fileType: 'CSV' } })).toBe(true);
		expect(evaluateConditional(csv, { declared: target.properties, siblings: { fileType: 'json' } })).toBe(false);
	});

	test('a sibling that cannot apply has no value: no fileType in a dataset export, so no csvOptions', () => {
		const csv = target.properties!.csvOptions.conditional!;
		expect(evaluateConditional(csv, { declared: target.properties, context: datasetFlow })).toBe(false);
	});

	test('an unknown operator is not guessed', () => {
		expect(evaluateConditional({ field: 'flowSpec.id', operator: 'MATCHES', value: 'x' }, { context: datasetFlow })).toBeUndefined();
	});

	test('pruneInapplicable removes what does not apply, nested included', () => {
		expect(
			pruneInapplicable(
				target,
				{ fileType: 'JSON', csvOptions: { delimiter: ',' }, datasetFileType: 'PARQUET', path: 'a' },
				audienceFlow,
			),
		).toEqual({ fileType: 'JSON', path: 'a' });
	});
});

describe('validation', () => {
	const valid = { bucketName: 'my-bucket', path: 'folder/sub', datasetFileType: 'JSON', compression: 'GZIP' };

	test('seed 000\'s Amazon S3 dataset example passes; required follows the conditionals (fileType is not required for datasets)', () => {
		expect(validateSchema(target, valid, { context: datasetFlow })).toEqual([]);
		expect(messages(validateSchema(target, { ...valid, datasetFileType: undefined }, { context: datasetFlow }))).toEqual([
			'Missing File Type in Target Parameters: the spec requires it.',
		]);
		expect(messages(validateSchema(target, valid, { context: audienceFlow }))).toEqual([
			'Missing File Type in Target Parameters: the spec requires it.',
		]);
	});

	test.each([
		['my-bucket', true],
		['my.bucket.name', true],
		['My_Bucket', false],
		['ab', false],
		['192.168.1.1', false],
		['-bucket', false],
	])('S3 bucket name %s against the live pattern: %s', (bucketName, ok) => {
		const violations = validateSchema(target, { ...valid, bucketName }, { context: datasetFlow });
		expect(violations.length === 0).toBe(ok);
		if (!ok) expect(violations[0]).toMatchObject({ path: ['bucketName'], kind: 'pattern' });
	});

	test('the S3 folder path pattern takes %SEGMENT_NAME% macros and answers fast on long bad input', () => {
		expect(validateSchema(target, { ...valid, path: 'exports/%SEGMENT_NAME%/' }, { context: datasetFlow })).toEqual([]);
		const started = Date.now();
		const violations = validateSchema(target, { ...valid, path: `${'a/'.repeat(2000)} bad` }, { context: datasetFlow });
		expect(Date.now() - started).toBeLessThan(1000);
		expect(violations[0]).toMatchObject({ path: ['path'], kind: 'pattern' });
	});

	test('Google Cloud Storage refuses bucket names with "goog"; Azure Blob containers have their own pattern', () => {
		const gcs = connectionSpecFixture('google-cloud-storage').targetSpec!.spec!;
		expect(validateSchema(gcs, { ...valid, bucketName: 'goog-exports' }, { context: datasetFlow })[0]).toMatchObject({
			path: ['bucketName'],
			kind: 'pattern',
		});
		const blob = connectionSpecFixture('azure-blob').targetSpec!.spec!;
		const { bucketName: _bucket, ...blobParams } = valid;
		expect(validateSchema(blob, { ...blobParams, container: 'exports-2024' }, { context: datasetFlow })).toEqual([]);
		expect(validateSchema(blob, { ...blobParams, container: 'Exports--2024' }, { context: datasetFlow })[0]).toMatchObject({
			path: ['container'],
		});
	});

	test('enum and titled oneOf choices: the message lists what is allowed', () => {
		const audience = { ...valid, datasetFileType: undefined, fileType: 'CSV', csvOptions: { delimiter: '#', quote: '' } };
		expect(messages(validateSchema(target, { ...audience, compression: 'ZIP' }, { context: audienceFlow }))).toEqual([
			'Invalid Compression format in Target Parameters: "ZIP". Allowed: one of "NONE", "GZIP" (the spec).',
			'Invalid Delimiter in Target Parameters: "#". Allowed: one of "," (Comma (,)), "\\t" (Tab (\\t)), "|" (Pipe (|)), ";" (Semicolon (;)), ":" (Colon (:)) (the spec).',
		]);
	});

	test('types, bounds, base64, additional properties', () => {
		const schema: JsonSchema = {
			type: 'object',
			additionalProperties: false,
			properties: {
				port: { type: 'integer', minimum: 1, maximum: 65535 },
				key: { type: 'string', contentEncoding: 'base64' },
				tags: { type: 'array', items: { type: 'string' }, maxItems: 1 },
			},
		};
		const found = validateSchema(schema, { port: 70000, key: 'not base64!', tags: ['a', 2], extra: true });
		expect(found.map((violation) => [violation.path.join('.'), violation.kind, violation.allowed])).toEqual([
			['port', 'maximum', '65535 or less'],
			['key', 'contentEncoding', 'Base64-encoded text'],
			['tags', 'maxItems', 'at most 1 entries'],
			['tags.1', 'type', 'text'],
			['extra', 'additionalProperties', 'only the properties port, key, tags'],
		]);
		expect(validateSchema(schema, { port: '22' })[0]).toMatchObject({ kind: 'type', allowed: 'a whole number' });
	});

	test('a secret\'s value never appears in the message', () => {
		const auth = s3.authSpec![0].spec!;
		const [violation] = validateSchema(auth, { s3AccessKey: 'AKIAIOSFODNN7EXAMPLE', s3SecretKey: 'short-secret' });
		const message = describeViolation(violation, { subject: 'credential "S3"', schemaName: 'the "Access Key" auth method', secret: true });
		expect(message).not.toContain('short-secret');
		// Words and the spec's title, not the internal name or the regular expression (that is in `detail`).
		expect(message).toBe(
			'Invalid Secret access key for the user account in credential "S3": the value given (hidden, it comes from a credential). Allowed: 40 characters: letters, digits, / and + (the "Access Key" auth method).',
		);
		expect(violation.detail).toBe('the pattern ^[A-Za-z0-9/+]{40}$');
	});
});

describe('fields for n8n', () => {
	test.each(DESTINATION_SLUGS)('%s: datasets and audiences get disjoint file type fields', (slug) => {
		const spec = connectionSpecFixture(slug).targetSpec!.spec!;
		const datasets = schemaFields(spec, datasetFlow).map((field) => field.id);
		const audiences = schemaFields(spec, audienceFlow).map((field) => field.id);
		expect(datasets).toContain('datasetFileType');
		expect(datasets).not.toContain('fileType');
		expect(datasets.some((id) => id.startsWith('csvOptions.'))).toBe(false);
		expect(audiences).toContain('fileType');
		expect(audiences).not.toContain('datasetFileType');
		expect(audiences.filter((id) => id.startsWith('csvOptions.'))).toHaveLength(5);
	});

	test('nested fields: dotted IDs, parent title in the label, the condition, never required under an optional parent', () => {
		const fields = schemaFields(target, audienceFlow);
		const quote = fields.find((field) => field.id === 'csvOptions.quote')!;
		expect(quote).toMatchObject({
			path: ['csvOptions', 'quote'],
			label: 'CSV Options: Quote Character',
			condition: 'File Type is CSV',
			required: false,
			type: 'options',
			defaultValue: EMPTY_STRING_OPTION,
		});
		const nested: JsonSchema = {
			type: 'object',
			properties: { outer: { type: 'object', properties: { inner: { type: 'string' } }, required: ['inner'] } },
		};
		expect(schemaFields(nested)[0]).toMatchObject({ id: 'outer.inner', label: 'Outer: Inner', required: false });
	});

	test('values back to params: the empty choice restored, numbers typed, JSON parsed, unknown keys reported', () => {
		const schema: JsonSchema = {
			type: 'object',
			properties: {
				csvOptions: { type: 'object', properties: { quote: { type: 'string', enum: ['"', ''] } } },
				port: { type: 'integer' },
				extra: { type: 'object' },
				path: { type: 'string' },
			},
		};
		expect(
			valuesToParams(schema, {
				'csvOptions.quote': EMPTY_STRING_OPTION,
				port: '22',
				extra: '{"a":1}',
				path: '',
				stale: 'x',
			}),
		).toEqual({ params: { csvOptions: { quote: '' }, port: 22, extra: { a: 1 } }, unknown: ['stale'], unreadable: [] });
		expect(valuesToParams(schema, { extra: '{oops' }).unreadable.map((entry) => entry.field.id)).toEqual(['extra']);
	});
});

describe('storage credentials onto the live authSpec\'s names', () => {
	const s3Credential = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

	test('Amazon S3: seed 000\'s s3AccessKey/s3SecretKey, or the older accessId/secretKey', () => {
		const kind = storageCredentialKind('aepAmazonS3AccessKeyApi');
		expect(mapCredentialToAuthParams(kind, s3Credential, s3.authSpec![0].spec!).params).toEqual({
			s3AccessKey: s3Credential.accessKeyId,
			s3SecretKey: s3Credential.secretAccessKey,
		});
		const legacy: JsonSchema = { type: 'object', properties: { accessId: { type: 'string' }, secretKey: { type: 'string' } } };
		expect(mapCredentialToAuthParams(kind, s3Credential, legacy).params).toEqual({
			accessId: s3Credential.accessKeyId,
			secretKey: s3Credential.secretAccessKey,
		});
	});

	test('SFTP: domain and/or host from the host field, port only when the spec asks; unmapped properties listed', () => {
		const kind = storageCredentialKind('aepSftpPasswordApi');
		const credential = { host: 'sftp.example.com', port: 22, username: 'u', password: 'p' };
		const seed = connectionSpecFixture('sftp').authSpec![0].spec!;
		expect(mapCredentialToAuthParams(kind, credential, seed)).toEqual({
			params: { domain: 'sftp.example.com', username: 'u', password: 'p' },
			unmapped: [],
		});
		const openApi: JsonSchema = {
			type: 'object',
			properties: { domain: {}, host: {}, username: {}, password: {}, port: {}, passphrase: {} },
		};
		expect(mapCredentialToAuthParams(kind, credential, openApi)).toEqual({
			params: { domain: 'sftp.example.com', host: 'sftp.example.com', username: 'u', password: 'p', port: 22 },
			unmapped: ['passphrase'],
		});
	});

	test('an SSH key pasted as text is Base64-encoded for AEP; one already encoded is kept', () => {
		const kind = storageCredentialKind('aepSftpSshKeyApi');
		const spec = connectionSpecFixture('sftp').authSpec![1].spec!;
		const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\r\nabc\r\n-----END OPENSSH PRIVATE KEY-----\r\n';
		const encoded = mapCredentialToAuthParams(kind, { host: 'h', username: 'u', privateKey: pem }, spec).params.sshKey;
		expect(Buffer.from(String(encoded), 'base64').toString('utf8')).toBe(
			'-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n',
		);
		expect(mapCredentialToAuthParams(kind, { host: 'h', username: 'u', privateKey: 'YWJj' }, spec).params.sshKey).toBe('YWJj');
	});

	test('custom JSON: taken as it is; unreadable JSON is reported without quoting it', () => {
		const spec = connectionSpecFixture('sftp').authSpec![0].spec!;
		expect(mapCredentialToAuthParams(undefined, { secretParametersJson: '{"domain":"d","username":"u","password":"p"}' }, spec).params).toEqual({
			domain: 'd',
			username: 'u',
			password: 'p',
		});
		const broken = mapCredentialToAuthParams(undefined, { secretParametersJson: '{"password":"hunter2"' }, spec);
		expect(broken.problem).toBe('the JSON of the custom credential cannot be read (check quotes and commas)');
		expect(mapCredentialToAuthParams(undefined, { secretParametersJson: '[1]' }, spec).problem).toBe(
			'the JSON of the custom credential must be an object of authentication parameters',
		);
	});
});
