/**
 * Source Connection → Create, version 1.1: datasets picked one by one from a list AEP pages (one
 * request per screen, pages kept two minutes), instead of version 1's multi-select of every page.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';
import { clearCatalogueCache } from '../../../nodes/AdobeExperiencePlatform/api/catalogueCache';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock, TOKEN } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { listSearch } from '../../harness/load-options';
import { NODE, expectEligibleDatasets, expectCreate, runSource } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(() => {
	resetNock();
	clearCatalogueCache();
});

afterEach(() => nock.cleanAll());

const DEVICES = { id: '5ef3e3259ad2a1191ab7dd7d', name: 'AAM Devices Data' };
const REALTIME = { id: '5ef3e328582424191b1beb44', name: 'AAM Realtime' };

const picker = (filter?: string, paginationToken?: string) =>
	listSearch(
		'searchDatasets',
		{
			nodeType: NODE,
			typeVersion: 1.1,
			parameters: { exportType: 'datasets', datasetSource: 'list' },
			credentials: aepCredentials({ accessToken: TOKEN }),
		},
		filter,
		paginationToken,
	);

describe('dataset picker (version 1.1): a page per screen', () => {
	test('opening reads one page of 100 and says where the next starts; scrolling reads the next; reopening and scrolling back read nothing', async () => {
		expectEligibleDatasets();

		const first = await picker();
		const second = await picker(undefined, first.paginationToken);
		const again = [await picker(), await picker(undefined, '100')];

		assertAllRequestsMade();
		expect(first.results).toHaveLength(100);
		expect(first.results[1]).toEqual({ name: DEVICES.name, value: DEVICES.id, description: `ID ${DEVICES.id}, DRAFT` });
		expect(first.paginationToken).toBe('100');
		expect(second.results).toHaveLength(49);
		expect(second.paginationToken).toBeUndefined();
		expect(again).toEqual([first, second]);
	});

	test('a search reads on until 50 datasets match or the list ends, and only the pages not yet kept', async () => {
		expectEligibleDatasets();

		const opened = await picker();
		const devices = await picker('devices data');
		// "Dataset 1" matches Dataset 1, 10-19 and 100-143: 56, over both pages.
		const many = await picker('dataset 1');

		assertAllRequestsMade();
		expect(opened.results).toHaveLength(100);
		expect(devices).toEqual({
			results: [{ name: DEVICES.name, value: DEVICES.id, description: `ID ${DEVICES.id}, DRAFT` }],
			paginationToken: undefined,
		});
		expect(many.results.length).toBeGreaterThanOrEqual(50);
		expect(many.results.every((result) => /dataset 1/i.test(result.name))).toBe(true);
	});
});

describe('datasets picked one by one (version 1.1)', () => {
	const picked = (...locators: IDataObject[]) => ({
		exportType: 'datasets',
		name: 'Export',
		datasetSource: 'list',
		datasets: { dataset: locators.map((dataset) => ({ dataset: { __rl: true, ...dataset } })) },
		ifExists: 'create',
	});

	test('from the list: the names the list showed are sent, and no dataset is read', async () => {
		expectTokenRequest();
		const sent = expectCreate();

		const result = await runSource(
			picked(
				{ mode: 'list', value: DEVICES.id, cachedResultName: DEVICES.name },
				{ mode: 'list', value: REALTIME.id, cachedResultName: REALTIME.name },
			),
			undefined,
			{ typeVersion: 1.1 },
		);

		assertAllRequestsMade();
		expect(result.error('Source')).toBeUndefined();
		expect(sent.map((body) => body.params)).toEqual([
			{ datasets: [{ dataSetId: DEVICES.id, name: DEVICES.name }, { dataSetId: REALTIME.id, name: REALTIME.name }] },
		]);
	});

	test('by ID or by the address in the UI: the names are looked up, reading only as far as the datasets (page 1 of 2)', async () => {
		expectTokenRequest();
		expectEligibleDatasets({ pages: 1 });
		const sent = expectCreate();

		const result = await runSource(
			picked(
				{ mode: 'id', value: DEVICES.id },
				{ mode: 'url', value: `https://experience.adobe.com/#/@org/sname:prod/platform/dataset/browse/${REALTIME.id}` },
			),
			undefined,
			{ typeVersion: 1.1 },
		);

		assertAllRequestsMade();
		expect(result.error('Source')).toBeUndefined();
		expect(sent.map((body) => body.params)).toEqual([
			{ datasets: [{ dataSetId: DEVICES.id, name: DEVICES.name }, { dataSetId: REALTIME.id, name: REALTIME.name }] },
		]);
	});

	test('an ID that is not eligible is looked for in every page, then refused before the POST', async () => {
		expectTokenRequest();
		expectEligibleDatasets();

		const result = await runSource(picked({ mode: 'id', value: '0000000000000000deadbeef' }), undefined, { typeVersion: 1.1 });

		assertAllRequestsMade();
		expect(result.error('Source')?.message).toBe(
			'Invalid Datasets: "0000000000000000deadbeef". Allowed: datasets AEP lists as eligible for export (149 in this sandbox); this ID is not one of them.',
		);
	});

	test('no dataset, or an ID with a space from an expression, is refused before any request', async () => {
		const none = await runSource(picked(), undefined, { typeVersion: 1.1 });
		// An expression is not checked by the editor's pattern: the node checks what it gives.
		const spaced = await runSource(picked({ mode: 'id', value: '={{ "5ef3e325 9ad2a1191ab7dd7d" }}' }), undefined, {
			typeVersion: 1.1,
		});

		expect(none.error('Source')?.message).toBe('Invalid Datasets: []. Allowed: at least one dataset that can be exported.');
		expect(spaced.error('Source')?.message).toMatch(/^Invalid Dataset: "5ef3e325 9ad2a1191ab7dd7d"\. Allowed: the ID of a dataset/);
	});
});
