import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { AEP_HEADERS, assertAllRequestsMade, expectTokenRequest, GATEWAY, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';

const BLOB_HOST = 'https://dlzpaasprodeu2.blob.core.windows.net';
const SAS = 'sv=2020-10-02&si=dlz-destination-policy&sr=c&sig=S3CR3T-signature%3D';
const SAS_QUERY = { sv: '2020-10-02', si: 'dlz-destination-policy', sr: 'c', sig: 'S3CR3T-signature=' };
const FILE = '5ba9452c7bc8e0000061c4ba/exportTime=202701010000/part-00000.json';
/** Each path segment URL-encoded, as the node sends it. */
const FILE_PATH = '5ba9452c7bc8e0000061c4ba/exportTime%3D202701010000/part-00000.json';

function expectSasCredential() {
	return nock(GATEWAY, { reqheaders: AEP_HEADERS })
		.get('/data/foundation/connectors/landingzone/credentials')
		.query({ type: 'dlz_destination' })
		.reply(200, {
			containerName: 'dlz-destination',
			SASToken: SAS,
			storageAccountName: 'dlzpaasprodeu2',
			SASUri: `${BLOB_HOST}/dlz-destination?${SAS}`,
		});
}

const blobXml = (names: Array<[string, number]>, next = '') =>
	`<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="${BLOB_HOST}/" ContainerName="dlz-destination"><Blobs>${names
		.map(([name, size]) => `<Blob><Name>${name}</Name><Properties><Last-Modified>Fri, 01 Jan 2027 00:10:00 GMT</Last-Modified><Content-Length>${size}</Content-Length><Content-Type>application/json</Content-Type></Properties></Blob>`)
		.join('')}</Blobs><NextMarker>${next}</NextMarker></EnumerationResults>`;

async function run(operation: string, parameters: IDataObject, continueOnFail = false) {
	return await runWorkflow({
		...chain([{ name: 'DLZ', type: aepOperation('dataLandingZone', operation), parameters }], 'aep-1', { continueOnFail }),
		credentials: aepCredentials(),
	});
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('AEP Data Landing Zone', () => {
	test('List Files: SAS credential, then List Blobs pages by NextMarker; when each file will be deleted; no token in the output', async () => {
		expectTokenRequest();
		expectSasCredential();
		nock(BLOB_HOST).get('/dlz-destination').query({ restype: 'container', comp: 'list', prefix: '5ba9452c', ...SAS_QUERY }).reply(200, blobXml([[FILE, 120]], 'marker-2'));
		nock(BLOB_HOST)
			.get('/dlz-destination')
			.query({ restype: 'container', comp: 'list', prefix: '5ba9452c', marker: 'marker-2', ...SAS_QUERY })
			.reply(200, blobXml([['5ba9452c7bc8e0000061c4ba/a&amp;b.json', 3]]));

		const result = await run('listFiles', { returnAll: true, prefix: '5ba9452c' });

		assertAllRequestsMade();
		expect(result.output('DLZ').map((item) => item.json)).toEqual([
			{ name: FILE, size: 120, lastModified: '2027-01-01T00:10:00.000Z', contentType: 'application/json', container: 'dlz-destination', deletedAfter: '2027-01-08T00:10:00.000Z' },
			{ name: '5ba9452c7bc8e0000061c4ba/a&b.json', size: 3, lastModified: '2027-01-01T00:10:00.000Z', contentType: 'application/json', container: 'dlz-destination', deletedAfter: '2027-01-08T00:10:00.000Z' },
		]);
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('S3CR3T');
		expect(result.run.data.resultData.runData.DLZ[0].hints).toEqual([
			{ message: 'Adobe deletes Data Landing Zone files seven days after they land: see deletedAfter on each file.', location: 'outputPane' },
		]);
	});

	test('Download File: the blob as n8n binary data in the chosen field', async () => {
		expectTokenRequest();
		expectSasCredential();
		nock(BLOB_HOST).get(`/dlz-destination/${FILE_PATH}`).query(SAS_QUERY).reply(200, '{"a":1}\n', { 'content-type': 'application/json' });

		const result = await run('downloadFile', { filePath: FILE, binaryPropertyName: 'export' });

		assertAllRequestsMade();
		const [item] = result.output('DLZ');
		expect(item.json).toEqual({ name: FILE, size: 8, container: 'dlz-destination' });
		expect(item.binary?.export).toMatchObject({ fileName: 'part-00000.json', mimeType: 'application/json' });
		expect(Buffer.from(item.binary!.export.data, 'base64').toString('utf8')).toBe('{"a":1}\n');
	});

	test('a file already deleted: a clear error with the storage error code, never the SAS token', async () => {
		expectTokenRequest();
		expectSasCredential();
		nock(BLOB_HOST)
			.get(`/dlz-destination/${FILE_PATH}`)
			.query(SAS_QUERY)
			.reply(404, '<?xml version="1.0"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>');

		const result = await run('downloadFile', { filePath: FILE, binaryPropertyName: 'data' }, true);

		assertAllRequestsMade();
		const [item] = result.output('DLZ');
		expect(item.json.error).toBe(`The Data Landing Zone could not download "${FILE}": HTTP 404 (BlobNotFound)`);
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('S3CR3T');
	});

	test('a path that climbs out of the container fails before any request', async () => {
		const result = await run('downloadFile', { filePath: 'a/../b.json', binaryPropertyName: 'data' });
		expect(result.error('DLZ')?.message).toBe(
			'Invalid File Path: "a/../b.json". Allowed: a file path in the container, such as 5ba9452c7bc8e0000061c4ba/exportTime=202701010000/part-00000.json.gz.',
		);
	});
});
