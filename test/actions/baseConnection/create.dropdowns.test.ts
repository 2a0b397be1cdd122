/** Base Connection → Create: dropdowns from the live catalogue (auth methods, encryption). */
import nock from 'nock';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, resetNock, TOKEN } from '../../harness/aep';
import type { DestinationSlug } from '../../harness/fixtures';
import { listSearch, loadOptions } from '../../harness/load-options';
import { connectionSpecFixture, destinationPicked, expectConnectionSpec, expectConnectionSpecs, expectFlowSpecs } from '../../harness/fixtures';
import { NODE, credentialsWith } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('dropdowns, from the live catalogue', () => {
	// A token n8n already holds: the list fetches both catalogues at once, and two parallel first
	// requests would each fetch a token, as in n8n itself.
	const credentials = () => credentialsWith(undefined, { accessToken: TOKEN });

	test.each(['datasets', 'audiences'])(
		'the destination list offers the six destinations of %s exports, by name; a reopen within the cache time reads nothing',
		async (exportType) => {
			expectConnectionSpecs(1);
			expectFlowSpecs(1);
			const request = { nodeType: NODE, parameters: { exportType }, credentials: credentials() };

			const all = await listSearch('searchDestinations', request);
			const filtered = await listSearch('searchDestinations', request, 'azure');

			assertAllRequestsMade();
			expect(all.results).toEqual([
				{ name: 'Amazon S3', value: '4fce964d-3f37-408f-9778-e597338a21ee' },
				{ name: 'Azure Blob Storage', value: '6d6b59bf-fb58-4107-9064-4d246c0e5bb2' },
				{ name: 'Azure Data Lake Gen2', value: 'be2c3209-53bc-47e7-ab25-145db8b873e1' },
				{ name: 'Data Landing Zone', value: '10440537-2a7b-4583-ac39-ed38d4b848e8' },
				{ name: 'Google Cloud Storage', value: 'c5d93acb-ea8b-4b14-8f53-02138444ae99' },
				{ name: 'SFTP', value: '36965a81-b1c6-401b-99f8-22508f1e6a26' },
			]);
			expect(filtered.results.map((result) => result.name)).toEqual(['Azure Blob Storage', 'Azure Data Lake Gen2']);
		},
	);

	test.each<[DestinationSlug, string[]]>([
		// One auth method: the empty choice first, saying it is that one.
		['amazon-s3', ['', 'Access Key']],
		['azure-blob', ['', 'ConnectionString']],
		['adls-gen2', ['', 'Azure Service Principal Auth']],
		['data-landing-zone', ['']],
		['google-cloud-storage', ['', 'Google Cloud Storage authentication credentials']],
		['sftp', ['SFTP with Password', 'SFTP with SSH Key']],
	])('%s: the auth methods are the spec\'s authSpec names', async (slug, names) => {
		const spec = connectionSpecFixture(slug);
		expectConnectionSpec(spec);

		const options = await loadOptions('getAuthMethods', {
			nodeType: NODE,
			parameters: { destination: destinationPicked(spec) },
			credentials: credentials(),
		});

		assertAllRequestsMade();
		expect(options.map((option) => option.value)).toEqual(names);
		if (slug === 'data-landing-zone') expect(options[0].name).toBe('None (Data Landing Zone takes no credentials)');
		if (slug === 'amazon-s3') {
			expect(options[0]).toEqual({
				name: 'Automatic (Access Key, the Only One)',
				value: '',
				description: 'Amazon S3 has one auth method, which is used',
			});
			// Adobe's internal description ("Defines auth params required for connecting to amazon-s3") is not shown.
			expect(options[1].description).toBeUndefined();
		}
	});

	test.each([
		['amazon-s3', '', ['aepAmazonS3AccessKeyApi', 'aepDestinationCustomAuthApi']],
		['azure-blob', '', ['aepAzureBlobConnectionStringApi', 'aepDestinationCustomAuthApi']],
		['adls-gen2', '', ['aepAzureDataLakeGen2ServicePrincipalApi', 'aepDestinationCustomAuthApi']],
		['data-landing-zone', '', ['none']],
		['google-cloud-storage', '', ['aepGoogleCloudStorageHmacKeyApi', 'aepDestinationCustomAuthApi']],
		['sftp', 'SFTP with Password', ['aepSftpPasswordApi', 'aepDestinationCustomAuthApi']],
		['sftp', 'SFTP with SSH Key', ['aepSftpSshKeyApi', 'aepDestinationCustomAuthApi']],
		['sftp', '', ['aepSftpPasswordApi', 'aepSftpSshKeyApi', 'aepDestinationCustomAuthApi']],
	] as Array<[DestinationSlug, string, string[]]>)('%s, auth method "%s": only the storage credentials that fit are offered', async (slug, authMethod, types) => {
		const spec = connectionSpecFixture(slug);
		expectConnectionSpec(spec);

		const options = await loadOptions('getStorageCredentialTypes', {
			nodeType: NODE,
			parameters: { destination: destinationPicked(spec), authMethod },
			credentials: credentials(),
		});

		assertAllRequestsMade();
		expect(options.map((option) => option.value)).toEqual(types);
	});

	test('encryption: the methods and algorithms of the spec\'s encryptionSpecs', async () => {
		const spec = connectionSpecFixture('amazon-s3');
		// Read once: the second dropdown finds the spec kept.
		expectConnectionSpec(spec, 1);
		const request = {
			nodeType: NODE,
			parameters: { destination: destinationPicked(spec), encryptionMethod: '' },
			credentials: credentials(),
		};

		const methods = await loadOptions('getEncryptionMethods', request);
		const algorithms = await loadOptions('getEncryptionAlgorithms', request);

		assertAllRequestsMade();
		expect(methods.map((option) => option.value)).toEqual(['File PGP/GPG Encryption']);
		expect(algorithms).toEqual([
			{ name: 'PGPGPG', value: 'PGPGPG', description: "The spec's default" },
			{ name: 'NONE', value: 'NONE', description: undefined },
		]);
	});

	test('no destination picked yet: no auth methods and no request', async () => {
		const options = await loadOptions('getAuthMethods', {
			nodeType: NODE,
			parameters: { destination: { __rl: true, mode: 'list', value: '' } },
			credentials: credentials(),
		});
		expect(options).toEqual([]);
	});
});
