/** Words for what went wrong: AEP's answer, a redirect, an unreadable answer or the network. */
import type { AepErrorInfo } from './aepError';
import type { AepRequest, Failure } from './types';
import { originOf } from './urls';

export interface DescribedFailure {
	message: string;
	hint?: string;
	/** A create whose outcome is unknown: AEP may have made the object (a 2xx not read, a 5xx, a broken connection). */
	mayHaveCreated?: boolean;
}

const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED']);
const TIMED_OUT = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

function networkWords(failure: Failure, host: string, timeoutSeconds: number): string {
	const code = failure.networkCode;
	if (failure.readFailed) return "the connection was reset while reading AEP's answer";
	if (code && UNREACHABLE.has(code)) {
		return `could not reach ${host} (${code}); check the Platform Gateway URL in the credential`;
	}
	if ((code && TIMED_OUT.has(code)) || /timeout/i.test(failure.message ?? '')) {
		return `AEP did not answer within ${timeoutSeconds} seconds (the credential's Request Timeout)`;
	}
	if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
		return `the connection to ${host} was reset before AEP answered`;
	}
	if (code === 'ERR_CANCELED') return 'the execution was cancelled';
	return `the request could not be completed (${code ?? failure.message ?? 'network error'})`;
}

export function describeFailure(
	request: AepRequest,
	failure: Failure,
	info: AepErrorInfo | undefined,
	timeoutSeconds: number,
): DescribedFailure {
	const what = `AEP ${request.method} ${request.path}`;
	const creates = request.creates ?? 'object';
	const maybe = `the ${creates} may have been created; run again with "Reuse It" to pick it up instead of creating another`;
	const isCreate = request.method === 'POST';
	const status = failure.statusCode;
	if (failure.insecure) return { message: failure.insecure };
	if (failure.redirectTo !== undefined) {
		return {
			message: `${what} was answered with a redirect (HTTP ${status}) to ${failure.redirectTo}, which was not followed`,
			hint: `Redirects are never followed, because the access token${isCreate ? ' and the request body (with any storage secret)' : ''} would go with them to ${originOf(failure.redirectTo)}. Check the Platform Gateway URL in the credential`,
		};
	}
	if (failure.unreadable) {
		const answer = `AEP answered ${request.method} ${request.path} with HTTP ${status} but the answer could not be read (${failure.unreadableReason ?? describeBody(failure.body)})`;
		return isCreate
			? { message: `${answer}; ${maybe}`, mayHaveCreated: true }
			: { message: answer, hint: 'A proxy or gateway in between may have answered instead of AEP' };
	}
	if (status !== undefined && !failure.readFailed) {
		// A 5xx may come after the server acted (a gateway timing out behind it): a create's outcome is unknown.
		const unknown = isCreate && status >= 500;
		// AEP answered with an error of its own: its words say what happened.
		const message = info ? `${what} failed: ${info.message}` : `${what} failed with HTTP ${status}`;
		return unknown ? { message: `${message}; ${maybe}`, mayHaveCreated: true } : { message };
	}
	if (info) return { message: `${what} failed: ${info.message}` };
	const host = failure.host ?? 'the Platform gateway';
	const words = networkWords(failure, host, timeoutSeconds);
	// Unreachable means nothing was sent; anything else may have reached AEP.
	const ambiguous = isCreate && !(failure.networkCode && UNREACHABLE.has(failure.networkCode));
	return { message: `${what}: ${words}${ambiguous ? `; ${maybe}` : ''}`, ...(ambiguous ? { mayHaveCreated: true } : {}) };
}

function describeBody(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'it was empty';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	if (/^\s*</.test(text)) return 'it was HTML, not JSON';
	return 'it was not JSON';
}
