/**
 * Jest runs several test files in one worker, and node's http module is shared between them while
 * each file loads its own nock: each file must take its interception down when it ends.
 */
import nock from 'nock';

import { forgetImsTokens } from '../credentials/AepPlatformApi.credentials';
import { clearCatalogueCache } from '../nodes/AdobeExperiencePlatform/api/catalogueCache';

// The catalogue is kept across executions (as n8n keeps the module loaded); each test starts without it.
beforeEach(() => clearCatalogueCache());

beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
});

// The AEP credential remembers the tokens it fetched, per process: each test starts without any.
beforeEach(() => forgetImsTokens());

afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
