import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { readAepError } from './aepError';
import { describeFailure } from './describeFailure';
import { lowerCaseHeaders, parseBody } from './response';
import { redactError } from './secrets';
import type { AepContext, AepRequest, Failure } from './types';
import { originOf, redirectTarget } from './urls';

export type { AepErrorInfo } from './aepError';
export { readAepError } from './aepError';

/** What an exception from n8n's request helper tells: an HTTP answer, or what went wrong on the wire. */
export function failureFromThrown(thrown: unknown, url: string): Failure {
	// n8n wraps what axios threw in a NodeApiError whose cause is the axios error.
	const error = thrown as {
		cause?: unknown;
		code?: string;
		message?: string;
		response?: { status?: number; headers?: unknown; data?: unknown };
	};
	const cause = (error?.cause ?? error) as typeof error;
	const response = cause?.response ?? error?.response;
	const code = cause?.code ?? error?.code;
	const message = cause?.message ?? error?.message ?? String(thrown);
	if (response?.status !== undefined && response.status >= 200 && response.status < 300) {
		// The status line came, then the body broke off.
		return { statusCode: response.status, networkCode: code ?? 'ECONNRESET', readFailed: true, message, host: new URL(originOf(url)).host };
	}
	if (response?.status !== undefined) {
		const headers = lowerCaseHeaders(response.headers);
		const failure: Failure = { statusCode: response.status, headers, body: parseBody(response.data), message };
		if (response.status >= 300 && response.status < 400) failure.redirectTo = redirectTarget(headers.location, url);
		return failure;
	}
	return { networkCode: code, message, host: new URL(originOf(url)).host };
}

/**
 * The one place an AEP failure becomes an error: AEP's message, code, HTTP status and request id
 * when it answered; what happened when it did not; every secret masked.
 */
export function toNodeApiError(
	ctx: AepContext,
	request: AepRequest,
	failure: Failure,
	retries: number,
	timeoutSeconds = 60,
): NodeApiError {
	const info = failure.unreadable || failure.redirectTo ? undefined : readAepError(failure.body);
	const requestId = failure.headers?.['x-request-id'];
	const status = failure.statusCode;
	const described = describeFailure(request, failure, info, timeoutSeconds);
	const facts = [
		info?.code ? `error code ${info.code}` : undefined,
		// A status whose answer broke off is no outcome: "HTTP 200" beside a reset would read as a failed success.
		status !== undefined && !failure.readFailed ? `HTTP ${status}` : undefined,
		requestId ? `request id ${requestId}` : undefined,
		retries > 0 ? `after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : undefined,
	].filter(Boolean);
	const description = [facts.join(', '), described.hint, info?.details].filter(Boolean).join('. ');
	const error = new NodeApiError(
		ctx.getNode(),
		{
			message: info?.message ?? described.message,
			...(info?.code ? { errorCode: info.code } : {}),
			...(requestId ? { requestId } : {}),
		} as JsonObject,
		{
			message: described.message,
			description: description || undefined,
			// Only a real HTTP error status: n8n would otherwise replace the message by its own
			// text for that status, and a 2xx that broke off is not an HTTP error.
			httpCode: status !== undefined && status >= 300 && !failure.readFailed ? String(status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
	// n8n rewrites a message that names a network code (ECONNREFUSED ...) into its own words; ours say more.
	error.message = described.message;
	// Machine-readable facts for expressions and error workflows.
	error.context.aep = {
		status: status ?? null,
		errorCode: info?.code ?? null,
		requestId: requestId ?? null,
		aepMessage: info?.message ?? null,
		networkCode: failure.networkCode ?? null,
	};
	// For "Reuse It" (helpers/findOrCreate.ts): a create that may have made the object is looked up again.
	if (described.mayHaveCreated) error.context.mayHaveCreated = true;
	return redactError(error);
}

/** A listing AEP's answers would never end: stopped with what happened and what to do. */
export function listingError(
	ctx: AepContext,
	list: { path: string; itemIndex?: number },
	message: string,
	description: string,
): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description,
		itemIndex: list.itemIndex,
	});
	error.message = message;
	return error;
}

/** A 2xx answer that parsed but lacks what the caller needs (a create answer without an ID). */
export function incompleteAnswerError(
	ctx: AepContext,
	request: AepRequest,
	response: { statusCode: number; headers: Record<string, string>; body: unknown },
	reason: string,
): NodeApiError {
	return toNodeApiError(
		ctx,
		request,
		{ statusCode: response.statusCode, headers: response.headers, body: response.body, unreadable: true, unreadableReason: reason },
		0,
	);
}
