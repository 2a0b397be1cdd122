/**
 * Canary secrets for every credential type: when AEP or IMS answer an error that echoes what was
 * sent (the body, the form, the Authorization header; as sent, in Base64 or URL-encoded), no
 * secret appears in the error, its cause or context, the Continue On Fail item, the saved run or
 * the console.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, flowService, IMS, resetNock, TOKEN } from '../harness/aep';
import { aepCredentialData, TestCredentialsHelper } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { connectionSpecFixture, destinationPicked, expectConnectionSpec } from '../harness/fixtures';
import type { DestinationSlug } from '../harness/fixtures';
import { aepOperation } from '../harness/nodes';
import { HarnessTransport } from '../harness/transport-node';
import { capturingConsole, expectNoneOf, visibleText } from './leak';

const NODE = aepOperation('baseConnection', 'create');
const SSH_KEY =
	'-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-CANARY-ssh-private-key\n-----END OPENSSH PRIVATE KEY-----';

interface Case {
	slug: DestinationSlug;
	type: string;
	authMethod: string;
	data: ICredentialDataDecryptedObject;
	secrets: string[];
}

const CASES: Case[] = [
	{
		slug: 'amazon-s3',
		type: 'aepAmazonS3AccessKeyApi',
		authMethod: 'Access Key',
		data: { accessKeyId: 'AKIACANARYQQQQQQQQQQ', secretAccessKey: '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' },
		secrets: ['AKIACANARYQQQQQQQQQQ', 'CANARYs3secretKEY/wJalrXUtnFEMIK7MDENG+b'],
	},
	{
		slug: 'azure-blob',
		type: 'aepAzureBlobConnectionStringApi',
		authMethod: 'ConnectionString',
		data: {
			secretConnectionString:
				'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=CANARY-blob-account-key==;EndpointSuffix=core.windows.net',
		},
		secrets: ['CANARY-blob-account-key=='],
	},
	{
		slug: 'adls-gen2',
		type: 'aepAzureDataLakeGen2ServicePrincipalApi',
		authMethod: 'Azure Service Principal Auth',
		data: {
			url: 'https://acme.dfs.core.windows.net',
			tenant: 'acme.onmicrosoft.com',
			servicePrincipalId: '6a1f0b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b',
			servicePrincipalSecret: 'CANARY~adls&principal secret',
		},
		secrets: ['CANARY~adls&principal secret'],
	},
	{
		slug: 'google-cloud-storage',
		type: 'aepGoogleCloudStorageHmacKeyApi',
		authMethod: 'Google Cloud Storage authentication credentials',
		data: { accessKeyId: 'GOOG1ECANARYHMACID', secretAccessKey: 'CANARY-gcs/hmac+secret' },
		secrets: ['CANARY-gcs/hmac+secret'],
	},
	{
		slug: 'sftp',
		type: 'aepSftpPasswordApi',
		authMethod: 'SFTP with Password',
		data: { host: 'sftp.example.com', port: 22, username: 'aep-export', password: 'CANARY pass&word=1' },
		secrets: ['CANARY pass&word=1'],
	},
	{
		slug: 'sftp',
		type: 'aepSftpSshKeyApi',
		authMethod: 'SFTP with SSH Key',
		data: { host: 'sftp.example.com', port: 22, username: 'aep-export', privateKey: SSH_KEY },
		secrets: [SSH_KEY, Buffer.from(`${SSH_KEY}\n`).toString('base64'), 'CANARY-ssh-private-key'],
	},
	{
		slug: 'sftp',
		type: 'aepDestinationCustomAuthApi',
		authMethod: 'SFTP with Password',
		data: {
			secretParametersJson: JSON.stringify({ domain: 'sftp.example.com', username: 'aep-export', password: 'CANARY-custom-json-pw' }),
		},
		secrets: ['CANARY-custom-json-pw'],
	},
];

const ADOBE_SECRET = 'CANARY-adobe-client+secret/=';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

/** AEP's 400 echoing the request: the body in the message, in Base64 and URL-encoded in the details, and the headers. */
function echoingAep(body: unknown, headers: Record<string, string | string[] | undefined>) {
	const text = JSON.stringify(body);
	return {
		type: 'https://ns.adobe.com/aep/errors/FLOW-1234-400',
		title: 'Bad Request',
		status: 400,
		detail: `Invalid connection: ${text}`,
		report: {
			'detailed-message': `payload=${Buffer.from(text).toString('base64')} form=${encodeURIComponent(text)} auth=${String(headers.authorization)}`,
		},
	};
}

describe.each([false, true])('Continue On Fail %s', (continueOnFail) => {
	test.each(CASES)('$type: AEP echoing the POST /connections body and headers leaks nothing', async ({ slug, type, authMethod, data, secrets }) => {
		const spec = connectionSpecFixture(slug);
		expectTokenRequest();
		expectConnectionSpec(spec);
		flowService()
			.post('/connections')
			.reply(function (_path, body) {
				return [400, echoingAep(body, this.req.headers), { 'x-request-id': 'req-echo' }];
			});
		const built = chain(
			[
				{
					name: 'Base',
					type: NODE,
					parameters: { exportType: 'datasets', destination: destinationPicked(spec), ifExists: 'create', name: 'Echo', authMethod, storageCredential: type },
				},
			],
			'aep-1',
			{ continueOnFail },
		);
		built.nodes[1].credentials = { ...built.nodes[1].credentials, [type]: { id: 'storage-1', name: 'Storage' } };
		const credentials = new TestCredentialsHelper({
			'aep-1': { type: 'aepPlatformApi', data: aepCredentialData() },
			'storage-1': { type, data },
		});

		const { value: result, logged } = await capturingConsole(async () => await runWorkflow({ ...built, credentials }));

		assertAllRequestsMade();
		// n8n's logger saw the run (the error at the end of a failed run included).
		expect(logged.some((line) => line.includes('Running node "Base"'))).toBe(true);
		if (continueOnFail) {
			const item = result.output('Base')[0].json as IDataObject;
			expect(item.error).toMatch(/^AEP POST \/connections failed: Bad Request: Invalid connection: /);
			expect((item.aep as IDataObject).requestId).toBe('req-echo');
		} else {
			expect(result.error('Base')!.message).toMatch(/^AEP POST \/connections failed: Bad Request/);
			expect(result.error('Base')!.message).toContain('**hidden**');
		}
		expectNoneOf(visibleText(result, logged), [...secrets, TOKEN, 'p8e-TEST-SECRET-never-leak']);
	});
});

test('IMS answering 400 with the form echoed: the client secret is masked in every form, IMS words kept', async () => {
	nock(IMS)
		.post('/ims/token/v3')
		.reply(400, (_path, body) => ({
			error: 'invalid_client',
			error_description: `bad form ${new URLSearchParams(body as Record<string, string>).toString()} raw ${JSON.stringify(body)} b64 ${Buffer.from(ADOBE_SECRET).toString('base64')}`,
		}));
	const credentials = new TestCredentialsHelper({
		'aep-1': { type: 'aepPlatformApi', data: aepCredentialData({ clientSecret: ` ${ADOBE_SECRET} ` }) },
	});
	const built = chain([{ name: 'Call', type: HarnessTransport.type, parameters: { path: '/flows' } }], 'aep-1', {
		continueOnFail: true,
	});

	const { value: result, logged } = await capturingConsole(async () => await runWorkflow({ ...built, credentials }));

	assertAllRequestsMade();
	const item = result.output('Call')[0].json as IDataObject;
	expect(item.error).toMatch(/Adobe IMS refused the token request: bad form .*client_secret=\*\*hidden\*\*/);
	expectNoneOf(visibleText(result, logged), [ADOBE_SECRET]);
});

test('a 500 text answer echoing the Authorization header: the token is masked', async () => {
	expectTokenRequest();
	flowService()
		.get('/flows')
		.times(5)
		.reply(function () {
			return [500, `upstream said: Authorization: ${String(this.req.headers.authorization)} token=${TOKEN}`];
		});
	const built = chain([{ name: 'Call', type: HarnessTransport.type, parameters: { path: '/flows' } }]);

	const result = await runWorkflow({ ...built, credentials: new TestCredentialsHelper({ 'aep-1': { type: 'aepPlatformApi', data: aepCredentialData() } }) });

	assertAllRequestsMade();
	expect(result.error('Call')!.message).toContain('**hidden**');
	expectNoneOf(visibleText(result), [TOKEN]);
});
