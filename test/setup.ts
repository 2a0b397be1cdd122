/**
 * Jest runs several test files in one worker, and node's http module is shared between them while
 * each file loads its own nock: each file must take its interception down when it ends.
 */
import nock from 'nock';

beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
});

afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
