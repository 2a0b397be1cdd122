/** Run → Get Many: the dataflow is read first (it exists, and its names go into every summary). */
import nock from 'nock';
import { AdobeExperiencePlatform } from '../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import { AdobeExperiencePlatformTrigger } from '../../../nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { expectDataflowRead, OPENAPI_SUCCESS_RUN } from '../../harness/runs';
import { assertAllRequestsMade, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { FLOW, runsQuery, page, getRuns } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('AEP Get Runs: the dataflow ID', () => {
	test('with Continue On Fail, a bad dataflow ID from one item fails that item only (ID taken from the incoming item)', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService()
			.get('/runs')
			.query(runsQuery({ limit: '1' }))
			.reply(200, page([OPENAPI_SUCCESS_RUN]));

		const { result } = await getRuns(
			{ dataflow: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, returnAll: false, limit: 1 },
			[{ id: 'not-a-flow' }, { id: FLOW }],
			{ continueOnFail: true },
		);

		assertAllRequestsMade();
		const output = result.output('Runs');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(String(output[0].json.error)).toMatch(/^Invalid Dataflow: "not-a-flow"/);
		expect(output[1].json.runId).toBe(OPENAPI_SUCCESS_RUN.id);
	});
});

describe('AEP Get Runs: a dataflow that does not exist', () => {
	const MISSING = 'a0b1c2d3-0000-4000-8000-00000000dead';
	const notFound = () =>
		flowService()
			.get(`/flows/${MISSING}`)
			.reply(404, { errorMessage: `Flow with id ${MISSING} not found` }, { 'x-request-id': 'req-404' });

	test('fails with AEP\'s "not found" instead of outputting an empty success; no runs are asked for', async () => {
		expectTokenRequest();
		notFound();

		const { result } = await getRuns({ dataflow: { __rl: true, mode: 'id', value: MISSING }, returnAll: true });

		assertAllRequestsMade();
		const error = result.error('Runs')!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`AEP GET /flows/${MISSING} failed: Flow with id ${MISSING} not found`);
	});

	test('with "Output Nothing", outputs no item and says why in an execution hint', async () => {
		expectTokenRequest();
		notFound();

		const { result } = await getRuns({
			dataflow: { __rl: true, mode: 'id', value: MISSING },
			returnAll: true,
			ifDataflowNotFound: 'nothing',
		});

		assertAllRequestsMade();
		expect(result.error('Runs')).toBeUndefined();
		expect(result.output('Runs')).toEqual([]);
		const hints = result.run.data.resultData.runData.Runs[0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([
			`Dataflow ${MISSING} does not exist in this sandbox, so no runs were output for item 1.`,
		]);
	});
});

describe('AEP Get Runs: nothing found is said', () => {
	test('a dataflow without runs outputs nothing, with a hint naming it', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService().get('/runs').query(runsQuery({ limit: '100' })).reply(200, page([]));

		const { result } = await getRuns({ returnAll: true });

		assertAllRequestsMade();
		expect(result.output('Runs')).toEqual([]);
		const hints = result.run.data.resultData.runData.Runs[0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([
			'Dataflow "Documentation S3 Destination" has no runs yet, so item 1 output nothing.',
		]);
	});
});

describe('AEP Get Runs: names where people read them', () => {
	test('each summary carries the dataflow\'s and the destination\'s names; the dataflow is read once per execution for all items', async () => {
		expectTokenRequest();
		expectDataflowRead(FLOW);
		flowService().get('/runs').query(runsQuery({ limit: '1' })).times(2).reply(200, page([OPENAPI_SUCCESS_RUN]));

		const { result } = await getRuns({ returnAll: false, limit: 1 }, [{}, {}]);

		assertAllRequestsMade();
		expect(result.output('Runs').map((item) => [item.json.dataflowName, item.json.destinationName])).toEqual([
			['Documentation S3 Destination', 'Amazon S3'],
			['Documentation S3 Destination', 'Amazon S3'],
		]);
	});
});

describe('the form', () => {
	test('dataflow locators default to "From list" in Get Runs, Patch and the trigger', () => {
		const node = new AdobeExperiencePlatform().description.properties.filter((property) => property.name === 'dataflow');
		const trigger = new AdobeExperiencePlatformTrigger().description.properties.filter((property) => property.name === 'dataflow');
		expect(node.length).toBeGreaterThanOrEqual(2);
		for (const property of [...node, ...trigger]) {
			expect(property.default).toEqual({ mode: 'list', value: '' });
		}
	});
});
