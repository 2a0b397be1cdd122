/** Etags as Flow Service gives them and If-Match wants them. */
import { bareEtag, ifMatchHeader } from '../../nodes/AdobeExperiencePlatform/domain/etag';

describe('etags', () => {
	test.each([
		['"0000d781-0000-0200-0000-63e29f420000"'],
		['0000d781-0000-0200-0000-63e29f420000'],
		['\\"0000d781-0000-0200-0000-63e29f420000\\"'],
		['""0000d781-0000-0200-0000-63e29f420000""'],
		[' W/"0000d781-0000-0200-0000-63e29f420000" '],
	])('%s is sent quoted exactly once', (given) => {
		expect(bareEtag(given)).toBe('0000d781-0000-0200-0000-63e29f420000');
		expect(ifMatchHeader(given)).toBe('"0000d781-0000-0200-0000-63e29f420000"');
	});

	test('an empty etag is refused', () => {
		expect(() => ifMatchHeader('""')).toThrow('no etag');
	});
});
