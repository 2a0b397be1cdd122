import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { lowerCaseHeaders, parseBody } from './response';
import type { AepContext, AepRequest, Failure } from './types';

export function failureFromThrown(thrown: unknown): Failure {
	// n8n wraps what axios threw in a NodeApiError whose cause is the axios error.
	const error = thrown as {
		cause?: unknown;
		code?: string;
		message?: string;
		httpCode?: string | null;
		response?: { status?: number; headers?: unknown; data?: unknown };
	};
	const cause = (error?.cause ?? error) as typeof error;
	const response = cause?.response ?? error?.response;
	if (response?.status !== undefined) {
		return {
			statusCode: response.status,
			headers: lowerCaseHeaders(response.headers),
			body: parseBody(response.data),
			message: cause?.message,
		};
	}
	return {
		networkCode: cause?.code ?? error?.code,
		message: cause?.message ?? error?.message ?? String(thrown),
	};
}

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

export function toNodeApiError(
	ctx: AepContext,
	request: AepRequest,
	failure: Failure,
	thrown: unknown,
	retries: number,
): NodeApiError {
	const info = readAepError(failure.body);
	const requestId = failure.headers?.['x-request-id'];
	const status = failure.statusCode;
	let message: string;
	if (info) {
		message = `AEP ${request.method} ${request.path} failed: ${info.message}`;
	} else if (status !== undefined) {
		message = `AEP ${request.method} ${request.path} failed with HTTP ${status}`;
	} else {
		message = `AEP ${request.method} ${request.path} could not be sent: ${failure.networkCode ?? failure.message ?? 'network error'}`;
	}
	const facts = [
		info?.code ? `error code ${info.code}` : undefined,
		status !== undefined ? `HTTP ${status}` : undefined,
		requestId ? `request id ${requestId}` : undefined,
		retries > 0 ? `after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : undefined,
	].filter(Boolean);
	const description = [facts.join(', '), info?.details].filter(Boolean).join('. ');
	const error = new NodeApiError(
		ctx.getNode(),
		{
			message: info?.message ?? failure.message ?? message,
			...(info?.code ? { errorCode: info.code } : {}),
			...(requestId ? { requestId } : {}),
		} as JsonObject,
		{
			message,
			description: description || undefined,
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
	// Machine-readable facts for expressions and error workflows.
	error.context.aep = {
		status: status ?? null,
		errorCode: info?.code ?? null,
		requestId: requestId ?? null,
		aepMessage: info?.message ?? null,
		networkCode: failure.networkCode ?? null,
	};
	if (status === undefined && thrown instanceof Error && !failure.networkCode) {
		error.cause = thrown;
	}
	return error;
}
