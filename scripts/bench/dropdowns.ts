/**
 * Dropdowns as the editor opens them (n8n-core's LoadOptionsContext: no execution, so only a cache
 * that outlives executions helps): a user filling in a target connection and a dataflow.
 */
import type { INodeParameters } from 'n8n-workflow';

import { listSearch, loadOptions, resourceMapping } from '../../test/harness/load-options';
import { aepOperation } from '../../test/harness/nodes';
import type { BenchContext, Row } from './common';
import { measure } from './common';

const S3 = '4fce964d-3f37-408f-9778-e597338a21ee';
const DESTINATION = { __rl: true, mode: 'list', value: S3 };

interface Open {
	name: string;
	/** Most requests this open may make. */
	most: number;
	/** Requests in parallel: the open takes less than 1.5 latencies. */
	parallel?: boolean;
	why: string;
	/** A time limit (ms) for an open that reads many pages. */
	maxMs?: number;
	open: (credentialId: string) => Promise<unknown>;
}

export async function dropdownCases(context: BenchContext, latencyMs: number): Promise<Row[]> {
	const { sim, credentials } = context;
	await sim.latency(latencyMs);
	const credentialId = context.addAepCredential('aep-dropdowns');
	const request = (credential: string, operation: [string, string], parameters: INodeParameters) => ({
		nodeType: aepOperation(...operation),
		parameters: { ...parameters, resource: operation[0], operation: operation[1] },
		credentials,
		nodeCredentials: { aepPlatformApi: { id: credential, name: 'AEP' } },
	});
	const datasets = (credential: string) => ({ ...request(credential, ['sourceConnection', 'create'], { exportType: 'datasets', datasetSource: 'list' }), typeVersion: 1.1 });
	const target = (credential: string) => request(credential, ['targetConnection', 'create'], { exportType: 'datasets', destination: DESTINATION });
	const opens: Open[] = [
		{ name: 'Destination, first open (nothing cached)', most: 2, parallel: true, why: '≤ 1 read per spec kind, in parallel (< 1.5 × latency)', open: async (c) => await listSearch('searchDestinations', target(c)) },
		{ name: 'Destination, reopen and 3 keystrokes', most: 0, why: '0 within the cache time', open: async (c) => { for (const typed of ['', 'a', 'am', 'ama']) await listSearch('searchDestinations', target(c), typed); } },
		{ name: 'Target Parameters (S3)', most: 0, why: '0: the catalogue is cached', open: async (c) => await resourceMapping('getTargetParameterFields', { ...target(c), path: 'parameters.targetParameters' }) },
		{ name: 'Flow spec (Dataflow Create)', most: 0, why: '0: the catalogue is cached', open: async (c) => await loadOptions('getFlowSpecOptions', request(c, ['dataflow', 'create'], { exportType: 'datasets', destination: DESTINATION })) },
		{ name: 'Dataflow locator (live list), one open', most: 1, why: '≤ 1 (one page)', open: async (c) => await listSearch('searchDestinationDataflows', request(c, ['dataflow', 'patch'], {})) },
		// Version 1.1's dataset picker: AEP's pages, one per screen, each kept two minutes.
		{ name: 'Datasets (Source Connection) at 10,000, first open', most: 1, why: '≤ 1 (the first page of 100)', open: async (c) => await listSearch('searchDatasets', datasets(c)) },
		{ name: 'Datasets, reopen', most: 0, why: '0 within the cache time', open: async (c) => await listSearch('searchDatasets', datasets(c)) },
		{ name: 'Datasets, scroll to the next 100', most: 1, why: '≤ 1 (the next page)', open: async (c) => await listSearch('searchDatasets', datasets(c), undefined, '100') },
		// Catalog cannot search this list by name: a search reads pages until 50 match, 10 at once.
		{ name: 'Datasets, search for a name near the end (no name filter in AEP)', most: 100, why: '≤ 100 pages, read in parallel (< 15 × latency)', maxMs: 15 * latencyMs, open: async (c) => await listSearch('searchDatasets', datasets(c), 'Simulated Dataset 9990') },
		{ name: 'Datasets, the same search again', most: 0, why: '0 within the cache time', open: async (c) => await listSearch('searchDatasets', datasets(c), 'Simulated Dataset 9990') },
	];
	// The token is fetched once per credential; not a dropdown's cost.
	await listSearch('searchDestinationDataflows', request(credentialId, ['dataflow', 'patch'], {}));
	const rows: Row[] = [];
	for (const open of opens) {
		const measured = await measure(sim, async () => await open.open(credentialId));
		rows.push({
			name: `Dropdown: ${open.name}`,
			measured: `${measured.requests.length} requests, ${measured.ms.toFixed(0)} ms`,
			goal: open.why,
			ok: measured.requests.length <= open.most && (!open.parallel || measured.ms < 1.5 * latencyMs) && (open.maxMs === undefined || measured.ms < open.maxMs),
		});
	}
	// Version 1's multi-select (kept for workflows saved with it) loads its whole list on a first open.
	const multiSelect = await measure(sim, async () => await loadOptions('getEligibleDatasets', request(context.addAepCredential('aep-dropdowns-v1'), ['sourceConnection', 'create'], { exportType: 'datasets' })));
	rows.push({
		name: 'Dropdown: Datasets, version 1 multi-select, first open (info)',
		measured: `${multiSelect.requests.length} requests, ${multiSelect.ms.toFixed(0)} ms`,
		goal: 'reported: version 1.1 replaced it with the paged picker',
	});
	const cold = context.addAepCredential('aep-dropdowns-cold');
	await listSearch('searchDestinationDataflows', request(cold, ['dataflow', 'patch'], {}));
	const targetCold = await measure(sim, async () => await resourceMapping('getTargetParameterFields', { ...target(cold), path: 'parameters.targetParameters' }));
	rows.push({
		name: 'Dropdown: Target Parameters, first open (nothing cached)',
		measured: `${targetCold.requests.length} requests, ${targetCold.ms.toFixed(0)} ms`,
		goal: '≤ 1 read per spec kind, in parallel (< 1.5 × latency)',
		ok: targetCold.requests.length <= 2 && targetCold.ms < 1.5 * latencyMs,
	});
	return rows;
}
