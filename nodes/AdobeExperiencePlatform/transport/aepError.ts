/** AEP's error bodies (and IMS's), read into one shape. */

export interface AepErrorInfo {
	message: string;
	code?: string;
	details?: string;
}

/**
 * Reads AEP's four error shapes (and IMS's), so the user sees AEP's own words:
 * 1. gateway `{error_code, message}`; 2. Flow Service `{errorMessage, errorDetails}`;
 * 3. problem JSON `{type, title, status, detail, report}`; 4. `{message}`.
 */
export function readAepError(body: unknown): AepErrorInfo | undefined {
	if (typeof body === 'string') return body.trim() ? { message: body.trim().slice(0, 500) } : undefined;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as Record<string, unknown>;
	const text = (value: unknown): string | undefined => {
		if (value === undefined || value === null || value === '') return undefined;
		return typeof value === 'string' ? value : JSON.stringify(value);
	};
	if (b.error_code !== undefined) {
		return { message: text(b.message) ?? 'Request rejected by the Adobe gateway', code: text(b.error_code) };
	}
	if (b.errorMessage !== undefined) {
		return {
			message: text(b.errorMessage)!,
			code: text(b.errorCode ?? b.code),
			details: text(b.errorDetails),
		};
	}
	if (b.title !== undefined || b.detail !== undefined) {
		const report = b.report as Record<string, unknown> | undefined;
		const reportText = report
			? text(report['detailed-message'] ?? report.detailedMessage ?? report.message ?? report)
			: undefined;
		const title = text(b.title);
		const detail = text(b.detail);
		return {
			message: [title, detail].filter(Boolean).join(': ') || 'Request failed',
			code: text(b.code ?? b.type),
			details: reportText,
		};
	}
	if (b.error_description !== undefined || typeof b.error === 'string') {
		return { message: text(b.error_description) ?? text(b.error)!, code: text(b.error) };
	}
	if (b.message !== undefined) return { message: text(b.message)!, code: text(b.code) };
	return undefined;
}
