/**
 * Etags: Flow Service answers with values that carry their own quotes (`"\"0000d781-…\""`), users copy
 * them with, without or with escaped quotes; `If-Match` wants the bare value quoted exactly once.
 */

/** The etag without any quotes, escapes or weak prefix around it. */
export function bareEtag(etag: string): string {
	let value = etag.trim();
	for (;;) {
		const before = value;
		value = value.replace(/^W\//, '').trim();
		value = value.replace(/^\\?"/, '').replace(/\\?"$/, '').trim();
		value = value.replace(/^\\?'/, '').replace(/\\?'$/, '').trim();
		if (value === before) return value;
	}
}

/** The `If-Match` header value: the bare etag in one pair of double quotes. */
export function ifMatchHeader(etag: string): string {
	const bare = bareEtag(etag);
	if (!bare) throw new Error('The dataflow has no etag to send in If-Match');
	return `"${bare}"`;
}
