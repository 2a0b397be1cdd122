/** The tutorials' flow spec IDs, used only when the live catalogue is silent. */
import { FALLBACK_DESTINATIONS, workflowContext } from '../../nodes/AdobeExperiencePlatform/domain/catalogue';

describe('fallback flow specs', () => {
	test('the audience flow specs are the "Segment" ones of Adobe\'s destinations OpenAPI spec, never the dataset ones', () => {
		const audience = Object.fromEntries(FALLBACK_DESTINATIONS.map((d) => [d.name, d.audienceFlowSpecId]));
		expect(audience).toEqual({
			'Amazon S3': '1a0514a6-33d4-4c7f-aff8-594799c47549',
			'Azure Blob Storage': '752d422f-b16f-4f0d-b1c6-26e448e3b388',
			'Azure Data Lake Storage Gen2': 'db060570-a155-418a-a6d3-b4d97698e5dc',
			'Data Landing Zone': '7e635b9f-e59b-4546-8ba8-fce6496693c8',
			'Google Cloud Storage': '976d663b-80b4-4193-be6b-2d0487516623',
			SFTP: 'fd36aaa4-bf2b-43fb-9387-43785eeeb799',
		});
		for (const destination of FALLBACK_DESTINATIONS) {
			expect(destination.audienceFlowSpecId).not.toBe(destination.datasetFlowSpecId);
		}
	});
});

describe('what a targetSpec conditional reads follows the export type', () => {
	const shared = { id: 'f', name: 'both', attributes: { _workflow: ['DATASETS', 'SEGMENTS'], other: 1 } };

	test('datasets read DATASETS whatever the flow spec lists', () => {
		expect(workflowContext({ id: 'f', name: 'x', attributes: { _workflow: 'SEGMENTS' } }, 'datasets').attributes).toEqual({ _workflow: 'DATASETS' });
		expect(workflowContext({ id: 'f', name: 'x' }, 'datasets').attributes).toEqual({ _workflow: 'DATASETS' });
	});

	test('audiences read what the flow spec lists besides DATASETS, or nothing', () => {
		expect(workflowContext(shared, 'audiences').attributes).toEqual({ _workflow: ['SEGMENTS'], other: 1 });
		expect(workflowContext({ id: 'f', name: 'x', attributes: { _workflow: 'DATASETS' } }, 'audiences').attributes).toEqual({});
	});
});
