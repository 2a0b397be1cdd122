/** Target Connection → Create: the targetSpec's conditionals follow the chosen export type, not what the flow spec lists. */
import nock from 'nock';

import { clearCatalogueCache } from '../../../nodes/AdobeExperiencePlatform/api/catalogueCache';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, flowService, resetNock, TOKEN } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { connectionSpecFixture, destinationPicked, expectConnectionSpec } from '../../harness/fixtures';
import { resourceMapping } from '../../harness/load-options';
import type { ExportType } from './helpers';
import { BASE_CONNECTION_ID, LOCATION, NODE, expectCreate, runTarget } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

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

		// The catalogue read above is kept: the second execution reads nothing.
		const missing = await run('audiences', { ...LOCATION['amazon-s3'], compression: 'GZIP' });
		assertAllRequestsMade();
		expect(missing.error('Target')!.message).toContain('Missing File Type');
	});

	test('the editor offers the fields of the chosen export type', async () => {
		for (const [exportType, shown, hidden] of [
			['datasets', 'datasetFileType', 'fileType'],
			['audiences', 'fileType', 'datasetFileType'],
		] as const) {
			// Each export type gets its own flow spec catalogue here: start from nothing kept.
			clearCatalogueCache();
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
