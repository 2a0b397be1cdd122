/**
 * Dataflow lists in the simulation over real HTTP: both paging schemes and `property=` filters.
 */
import { audienceFlow, client, datasetFlow, sim, useFlowSimulation } from './flowsShared';
import { DATA_LAKE, FLOW_SPEC, http } from './helpers';

useFlowSimulation();

describe('lists', () => {
	it('pages flows over continuation tokens, repeating the filters in _links.next.href', async () => {
		const names = ['f1', 'f2', 'f3', 'f4', 'f5'];
		for (const name of names) await datasetFlow(name);
		const seen: string[] = [];
		let answer = await client.get('/flows', { limit: '2', property: 'inheritedAttributes.properties.isDestinationFlow==true' });
		const hrefs: string[] = [];
		for (;;) {
			expect(answer.status).toBe(200);
			seen.push(...answer.body.items.map((flow: any) => flow.name));
			const href = answer.body._links.next?.href;
			if (!href) break;
			hrefs.push(href);
			expect(href).toMatch(/^\/flows\?limit=2&property=inheritedAttributes\.properties\.isDestinationFlow%3D%3Dtrue&continuationToken=/);
			answer = await http(`${sim.flowServiceUrl}${href}`, { headers: client.headers() });
		}
		// Newest first; the last page has `_links: {}`.
		expect(seen).toEqual(['f5', 'f4', 'f3', 'f2', 'f1']);
		expect(hrefs).toHaveLength(2);
		expect(answer.body._links).toEqual({});
		expect((await client.get('/flows', { count: 'true' })).body).toEqual({ count: 5 });
	});

	it('filters with property= (AND when repeated, OR with commas, [] on arrays) and sorts with orderby', async () => {
		const first = await datasetFlow('alpha');
		const second = await datasetFlow('beta');
		await datasetFlow('gamma');
		const names = async (query: Record<string, string | string[]>) =>
			(await client.get('/flows', query)).body.items.map((flow: any) => flow.name);
		expect(await names({ property: 'name==beta' })).toEqual(['beta']);
		expect(await names({ property: 'name==alpha,gamma', orderby: 'name' })).toEqual(['alpha', 'gamma']);
		expect(await names({ property: ['name==alpha,beta', `id!=${first.id}`] })).toEqual(['beta']);
		expect(await names({ property: `sourceConnectionIds[]==${second.sourceId}` })).toEqual(['beta']);
		expect(await names({ property: 'flowSpec.id==269ba276-16fc-47db-92b0-c1049a3c131f', orderby: '-name' })).toEqual(['gamma', 'beta', 'alpha']);
		const connections = await client.get('/targetConnections', { property: `baseConnectionId==${first.baseId}` });
		expect(connections.body.items.map((target: any) => target.id)).toEqual([first.targetId]);
		const bad = await client.get('/flows', { property: 'name' });
		expect(bad.status).toBe(400);
		expect(bad.body.detail).toBe('Invalid property filter "name". Expected <field><operator><value> with ==, !=, >, <, >= or <=');
	});

	it('filters through arrays anywhere in the path, as Adobe\'s sort-and-filter guide shows for audiences', async () => {
		const withAudiences = await audienceFlow('with audiences');
		await datasetFlow('without audiences');
		const segmentFilter = (id: string) => `transformations[].params.segmentSelectors.selectors[].value.id==${id}`;
		const ids = async (query: Record<string, string | string[]>) => (await client.get('/flows', query)).body.items.map((flow: any) => flow.id);
		expect(await ids({ property: segmentFilter('B') })).toEqual([withAudiences.id]);
		expect(await ids({ property: [segmentFilter('B'), 'state==enabled'] })).toEqual([withAudiences.id]);
		expect(await ids({ property: segmentFilter('Z') })).toEqual([]);
		expect((await client.get('/flows', { orderby: '+name' })).body.items.map((flow: any) => flow.name)).toEqual(['with audiences', 'without audiences']);
	});

	it('pages eligible datasets by start/limit with pageInfo, 1 to 100 a page', async () => {
		const path = `/connectionSpecs/${DATA_LAKE}/configs`;
		const base = { outputType: 'activationDatasets', outputField: 'datasets' };
		const last = await client.get(path, { ...base, start: '140', limit: '20' });
		expect(last.body.items).toHaveLength(9);
		expect(last.body.pageInfo).toEqual({ start: 140, end: 148, total: 149, hasNext: false });
		const all = [];
		for (let start = 0; ; start += 100) {
			const page = await client.get(path, { ...base, start: String(start), limit: '100' });
			all.push(...page.body.items);
			if (!page.body.pageInfo.hasNext) break;
		}
		expect(new Set(all.map((dataset: any) => dataset.id)).size).toBe(149);
		const tooMany = await client.get(path, { ...base, limit: '101' });
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.detail).toBe('limit "101" must be a whole number from 1 to 100');
		expect((await client.get(path, { outputType: 'activationDatasets' })).body.detail).toBe(
			'outputType=activationDatasets and outputField=datasets are required',
		);
		expect((await client.get(`/connectionSpecs/${FLOW_SPEC.s3Datasets}/configs`, base)).status).toBe(400);
	});

	it('serves the catalogue: specs by ID answer {items: [spec]}', async () => {
		const specs = await client.get('/connectionSpecs');
		expect(specs.body.items.map((spec: any) => spec.name)).toEqual([
			'Amazon S3',
			'Azure Blob Storage',
			'Azure Data Lake Gen2',
			'Data Landing Zone',
			'Google Cloud Storage',
			'SFTP',
			'Experience Platform Data Lake',
			'Experience Platform Profile Store',
		]);
		const one = await client.get('/connectionSpecs/4fce964d-3f37-408f-9778-e597338a21ee');
		expect(one.body.items[0].authSpec[0].name).toBe('Access Key');
		const flowSpecs = await client.get('/flowSpecs', { property: `sourceConnectionSpecIds[]==${DATA_LAKE}` });
		expect(flowSpecs.body.items).toHaveLength(6);
	});
});
