/** Transport: continuation-token and start/limit paging. */
import nock from 'nock';
import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../harness/aep';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { transport } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 5 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('continuation-token paging', () => {
	const page = (ids: string[], next?: string) => ({
		items: ids.map((id) => ({ id })),
		_links: next ? { next: { href: `/runs?property=flowId==f1&continuationToken=${next}&limit=100` } } : {},
	});

	test('follows _links.next.href, keeps the filters on every page and stops on the last page', async () => {
		expectTokenRequest();
		flowService()
			.get('/runs')
			.query({ property: 'flowId==f1', limit: '100' })
			.reply(200, page(['r1', 'r2'], 'tok%2B2'))
			.get('/runs')
			.query({ property: 'flowId==f1', limit: '100', continuationToken: 'tok+2' })
			.reply(200, page(['r3'], 'tok3'))
			.get('/runs')
			.query({ property: 'flowId==f1', limit: '100', continuationToken: 'tok3' })
			.reply(200, page(['r4']));

		const result = await runWorkflow({
			...chain([transport({ call: 'continuation', path: '/runs', qs: '{"property":"flowId==f1"}' })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Call').map((item) => item.json.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
	});

	test('Limit asks for no more than needed and stops when it is reached', async () => {
		expectTokenRequest();
		flowService()
			.get('/runs')
			.query({ limit: '3' })
			.reply(200, page(['r1', 'r2'], 'tok2'))
			.get('/runs')
			.query({ limit: '1', continuationToken: 'tok2' })
			.reply(200, page(['r3'], 'tok3'));

		const result = await runWorkflow({
			...chain([transport({ call: 'continuation', path: '/runs', limit: 3 })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Call').map((item) => item.json.id)).toEqual(['r1', 'r2', 'r3']);
	});
});

describe('start/limit paging', () => {
	const CONFIGS = '/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0/configs';
	const items = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => ({ id: `ds-${from + i}` }));

	test('fetches the remaining pages in parallel once the total is known, in order, none past the last', async () => {
		expectTokenRequest();
		const scope = flowService();
		scope.get(CONFIGS).query({ start: '0', limit: '100' }).reply(200, {
			items: items(0, 100),
			pageInfo: { start: 0, end: 99, total: 350, hasNext: true },
		});
		// Later pages answer out of order: the slowest first page must still come first.
		const delays: Record<number, number> = { 100: 60, 200: 10, 300: 30 };
		for (const start of [100, 200, 300]) {
			const count = Math.min(100, 350 - start);
			scope
				.get(CONFIGS)
				.query({ start: String(start), limit: '100' })
				.delay(delays[start])
				.reply(200, { items: items(start, count), pageInfo: { start, end: start + count - 1, total: 350, hasNext: start + count < 350 } });
		}

		const result = await runWorkflow({
			...chain([transport({ call: 'startLimit', path: CONFIGS })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		const ids = result.output('Call').map((item) => item.json.id);
		expect(ids).toHaveLength(350);
		expect(ids).toEqual(items(0, 350).map((item) => item.id));
	});

	test('Limit below the total reads only the pages it needs', async () => {
		expectTokenRequest();
		flowService()
			.get(CONFIGS)
			.query({ start: '0', limit: '100' })
			.reply(200, { items: items(0, 100), pageInfo: { start: 0, end: 99, total: 1000, hasNext: true } })
			.get(CONFIGS)
			.query({ start: '100', limit: '100' })
			.reply(200, { items: items(100, 100), pageInfo: { start: 100, end: 199, total: 1000, hasNext: true } });

		const result = await runWorkflow({
			...chain([transport({ call: 'startLimit', path: CONFIGS, limit: 150 })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Call').map((item) => item.json.id)).toEqual(items(0, 150).map((item) => item.id));
	});
});
