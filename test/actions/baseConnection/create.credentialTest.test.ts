/** Base Connection → Create: the storage credentials' test (testedBy), values checked locally, never sent. */
import nock from 'nock';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { resetNock } from '../../harness/aep';
import { testCredentialByNode } from '../../harness/load-options';
import { NODE, S3, BLOB, ADLS, GCS, SFTP_PASSWORD, SFTP_SSH } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('credential test (testedBy): the values checked locally, never sent', () => {
	test.each([
		['aepAmazonS3AccessKeyApi', S3, 'Amazon S3\'s "Access Key"'],
		['aepAzureBlobConnectionStringApi', BLOB, 'Azure Blob Storage\'s "ConnectionString"'],
		['aepAzureDataLakeGen2ServicePrincipalApi', ADLS, 'Azure Data Lake Gen2\'s "Azure Service Principal Auth"'],
		['aepGoogleCloudStorageHmacKeyApi', GCS, 'Google Cloud Storage\'s "Google Cloud Storage authentication credentials"'],
		['aepSftpPasswordApi', SFTP_PASSWORD, 'SFTP\'s "SFTP with Password"'],
		['aepSftpSshKeyApi', SFTP_SSH, 'SFTP\'s "SFTP with SSH Key"'],
	])('%s: valid values pass', async (type, data, method) => {
		const result = await testCredentialByNode(NODE, type, data);
		expect(result).toEqual({
			status: 'OK',
			message: `The values have the form ${method} auth method expects. Only AEP can try them against the storage: it does so when the base connection is created.`,
		});
	});

	test('a bad S3 secret key is named, not shown', async () => {
		const secret = 'too-short/secret';
		const result = await testCredentialByNode(NODE, 'aepAmazonS3AccessKeyApi', { ...S3, secretAccessKey: secret });
		expect(result.status).toBe('Error');
		// Named by the credential form's label, never by the internal name.
		expect(result.message).toContain('Invalid Secret Access Key in this credential');
		expect(result.message).not.toContain('s3SecretKey');
		expect(result.message).not.toContain(secret);
	});

	test('custom JSON: an object passes, anything else fails without being quoted', async () => {
		expect(await testCredentialByNode(NODE, 'aepDestinationCustomAuthApi', { secretParametersJson: '{"password": "x"}' })).toEqual({
			status: 'OK',
			message: "A JSON object with 1 parameter: the node checks it against the destination's live authSpec before sending it",
		});
		const broken = await testCredentialByNode(NODE, 'aepDestinationCustomAuthApi', { secretParametersJson: '{"password": "hunter2"' });
		expect(broken.status).toBe('Error');
		expect(broken.message).not.toContain('hunter2');
	});
});
