/**
 * AEP answers failures in four shapes depending on which layer refuses the call; the simulation
 * keeps each layer's own shape so clients are tested against all of them.
 */

export class SimHttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof body === 'object' && body ? JSON.stringify(body) : String(body));
		this.name = 'SimHttpError';
	}
}

/** 1. Adobe I/O gateway (authentication, API key, throttling): `{error_code, message}`. */
export function gatewayError(status: number, errorCode: string, message: string, headers?: Record<string, string>) {
	return new SimHttpError(status, { error_code: errorCode, message }, headers);
}

/** 2. Flow Service resource errors (404, 412): `{errorMessage, errorDetails}`. */
export function flowServiceError(status: number, message: string) {
	return new SimHttpError(status, { errorMessage: message, errorDetails: message });
}

export function notFound(collection: string, id: string) {
	return flowServiceError(404, `${collection} not found with id = [${id}]`);
}

export interface TenantInfo {
	sandboxName: string;
	sandboxId: string;
	imsOrgId: string;
}

/** 3. Problem JSON for request validation: `{type, title, status, detail, report}`. */
export function problem(
	status: number,
	code: string,
	title: string,
	detail: string,
	tenant: TenantInfo,
	additionalContext: Record<string, unknown> = {},
) {
	return new SimHttpError(
		status,
		{
			type: `https://ns.adobe.com/aep/errors/${code}`,
			title,
			status,
			detail,
			report: {
				tenantInfo: tenant,
				'detailed-message': detail,
				additionalContext,
			},
		},
		{ 'content-type': 'application/problem+json' },
	);
}

/** 4. Plain `{message}` (e.g. a POST without a JSON content type). */
export function plainError(status: number, message: string) {
	return new SimHttpError(status, { message });
}

/** IMS token endpoint failures: `{error, error_description}`. */
export function imsError(status: number, error: string, description: string) {
	return new SimHttpError(status, { error, error_description: description });
}

/** A POST/PUT/PATCH body without a JSON content type, answered as Adobe's troubleshooting guide shows it. */
export function contentTypeError() {
	return new SimHttpError(400, {
		type: '/placeholder/type/uri',
		status: 400,
		title: 'BadRequestError',
		detail: 'A valid content-type must be specified',
	});
}
