/** Shared by the create tests of this folder: fixtures, request expectations and workflow builders. */
import type { IDataObject } from 'n8n-workflow';
import { expectPost, flowService } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { fixture } from '../../harness/fixtures';

export const NODE = aepOperation('sourceConnection', 'create');

export const DATA_LAKE = '23598e46-f560-407b-88d5-ea6207e49db0';

export const PROFILE_STORE = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';

export const CONFIGS = `/connectionSpecs/${DATA_LAKE}/configs`;

export const CREATED = fixture('seed-examples/000-source-connection.response.json');

export const SEED_DATASETS = fixture<{ items: IDataObject[] }>('seed-examples/000-datasets.response.json').items;

/**
 * The 149 eligible datasets in two pages of 100, as seed 000's answer starts them; `pages: 1`
 * expects only the first (a lookup that stops early).
 */
export function expectEligibleDatasets({ pages = 2 }: { pages?: 1 | 2 } = {}) {
	const more = Array.from({ length: 144 }, (_, n) => ({
		id: `6${String(n).padStart(23, '0')}`,
		name: `Dataset ${n}`,
		state: 'DRAFT',
	}));
	const all = [...SEED_DATASETS, ...more];
	const page = (start: number) =>
		flowService()
			.get(CONFIGS)
			.query({ outputType: 'activationDatasets', outputField: 'datasets', start: String(start), limit: '100' })
			.reply(200, {
				items: all.slice(start, start + 100),
				pageInfo: { start, end: Math.min(start + 99, all.length - 1), total: all.length, hasNext: start + 100 < all.length },
			});
	page(0);
	if (pages === 2) page(100);
}

export function expectCreate(times = 1, answer: IDataObject = CREATED) {
	return expectPost<IDataObject>('/sourceConnections', answer, { times });
}

export async function runSource(
	parameters: IDataObject,
	input?: IDataObject[],
	options: { continueOnFail?: boolean; typeVersion?: number } = {},
) {
	return await runWorkflow({
		...chain([{ name: 'Source', type: NODE, parameters, typeVersion: options.typeVersion }], 'aep-1', options),
		credentials: aepCredentials(),
		input,
	});
}
