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
