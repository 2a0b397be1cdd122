/**
 * The credential's URLs receive the client secret (IMS) and the bearer token and storage secrets
 * (gateway): they must be https, except on this machine (the local simulation).
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Why `url` may not receive credentials, or undefined when it may. */
export function insecureUrlProblem(label: string, url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `The credential's ${label} "${url}" is not a URL. Example: https://platform.adobe.io`;
	}
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && (LOOPBACK_HOSTS.has(parsed.hostname) || parsed.hostname.startsWith('127.'))) {
		return undefined;
	}
	return `The credential's ${label} "${parsed.origin}" must start with https:// (plain http is allowed only for localhost), because secrets are sent to it. Fix it in the credential's advanced settings.`;
}

export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}

/** Where a redirect answer points, resolved against the URL that was asked. */
export function redirectTarget(location: string | undefined, requested: string): string {
	if (!location) return 'an unnamed location';
	try {
		return new URL(location, requested).toString().split('?')[0];
	} catch {
		return location;
	}
}
