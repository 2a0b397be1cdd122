/** Shared by the create tests of this folder: fixtures, request expectations and workflow builders. */
import type { IDataObject } from 'n8n-workflow';
import { expectNameLookup } from '../../harness/aep';
import { chain } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { fillPlaceholders, fixture } from '../../harness/fixtures';

/** Connection IDs are UUIDs (checked before sending): the seeds' placeholders become these. */
export const SOURCE_ID = '5e0b3a1c-0000-4000-8000-00000000005c';
export const TARGET_ID = '7a9d2b4e-0000-4000-8000-00000000007c';
export const FLOW_SPEC_ID = '71471eba-b620-49e4-90fd-23f1fa0174d8';
export const example = <T = IDataObject>(name: string) =>
	fillPlaceholders(fixture<T>(`seed-examples/${name}`), {
		'<FROM_STEP_CREATE_SOURCE_CONNECTION>': SOURCE_ID,
		'<FROM_STEP_CREATE_TARGET_CONNECTION>': TARGET_ID,
		'{SOURCE_CONNECTION_ID}': SOURCE_ID,
		'{TARGET_CONNECTION_ID}': TARGET_ID,
		'{FLOW_SPEC_ID}': FLOW_SPEC_ID,
	});

export const NODE = 'Dataflow';

export const DESTINATION_FILTER = 'inheritedAttributes.properties.isDestinationFlow==true';

/** The find-or-create lookup: `GET /flows?property=name==<name>&property=<destination flows>`. */
export function expectDataflowNameLookup(name: string, items: IDataObject[] = [], createSucceeds = true) {
	// After a create, "Reuse It" looks again, so that concurrent runs converge on the oldest dataflow.
	if (items.length === 0 && createSucceeds) expectNameLookup('/flows', name, [], [DESTINATION_FILTER]);
	return expectNameLookup('/flows', name, items, [DESTINATION_FILTER]);
}

export function createNode(parameters: IDataObject, options: { continueOnFail?: boolean } = {}) {
	return chain([{ name: NODE, type: aepOperation('dataflow', 'create'), parameters }], 'aep-1', options);
}

export const DESTINATIONS: Array<[slug: string, connectionSpecId: string]> = [
	['amazon-s3', '4fce964d-3f37-408f-9778-e597338a21ee'],
	['azure-blob', '6d6b59bf-fb58-4107-9064-4d246c0e5bb2'],
	['adls-gen2', 'be2c3209-53bc-47e7-ab25-145db8b873e1'],
	['data-landing-zone', '10440537-2a7b-4583-ac39-ed38d4b848e8'],
	['google-cloud-storage', 'c5d93acb-ea8b-4b14-8f53-02138444ae99'],
	['sftp', '36965a81-b1c6-401b-99f8-22508f1e6a26'],
];

export const SEED_000_PARAMETERS = {
	exportType: 'datasets',
	destination: { __rl: true, mode: 'id', value: '={{ $json.destination }}' },
	sourceConnection: { __rl: true, mode: 'id', value: SOURCE_ID },
	targetConnection: { __rl: true, mode: 'id', value: TARGET_ID },
	name: '={{ $json.name }}',
	description: '={{ $json.description }}',
	frequency: 'hour:3',
	startTime: '2023-02-09T00:06:50Z',
};
