/** Reading what came back: headers in one case, bodies parsed whatever their type. */
export function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		const entries =
			typeof (headers as { toJSON?: () => object }).toJSON === 'function'
				? Object.entries((headers as { toJSON: () => object }).toJSON())
				: Object.entries(headers);
		for (const [key, value] of entries) {
			if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
		}
	}
	return result;
}

/** An error body as far as it can be read: JSON when it is JSON, its text otherwise. */
export function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		if (body.trim() === '') return {};
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body ?? {};
}

export type ReadBody = { ok: true; value: unknown; raw?: undefined } | { ok: false; value: unknown; raw: string };

/**
 * A success body must be a JSON object or array: an empty, HTML or cut-short answer is not an
 * empty result (it would look like "nothing found" and lead to a duplicate create).
 */
export function readJsonBody(body: unknown, emptyOk: boolean): ReadBody {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) {
		return emptyOk ? { ok: true, value: {} } : { ok: false, value: {}, raw: '' };
	}
	const value = typeof text === 'string' ? safeJson(text) : text;
	if (value !== undefined && typeof value === 'object' && value !== null) return { ok: true, value };
	return { ok: false, value: text, raw: typeof text === 'string' ? text.slice(0, 200) : JSON.stringify(text) };
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
