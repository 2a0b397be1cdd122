/**
 * Every value this package sent from a credential (Adobe client secret and access token, storage
 * keys and passwords) is remembered here, so that whatever AEP or IMS echo back is masked before it
 * reaches a message, an error object, an output item or a log line. Remembering is process-wide
 * and bounded: masking another credential's secret does no harm, forgetting one would.
 */
export const SECRET_MASK = '**hidden**';

/** Shorter values (a port, "prod") are not secrets and would mask ordinary words. */
const MIN_SECRET_LENGTH = 6;
const MAX_REMEMBERED = 500;

const remembered = new Set<string>();

/** The forms a secret may come back in: as sent, Base64, URL-encoded (form or path), JSON-escaped. */
export function secretForms(value: string): string[] {
	const forms = new Set<string>([value]);
	const utf8 = Buffer.from(value, 'utf8');
	forms.add(utf8.toString('base64'));
	forms.add(utf8.toString('base64').replace(/=+$/, ''));
	forms.add(utf8.toString('base64url'));
	forms.add(encodeURIComponent(value));
	forms.add(new URLSearchParams({ v: value }).toString().slice(2));
	forms.add(JSON.stringify(value).slice(1, -1));
	// Multi-line secrets (SSH keys) are often echoed one line at a time.
	for (const line of value.split(/\r?\n/)) if (line.trim().length >= 16) forms.add(line.trim());
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** Remembers values sent from a credential; non-strings and short values are ignored. */
export function rememberSecrets(values: Iterable<unknown>): void {
	for (const value of values) {
		if (typeof value !== 'string') continue;
		const trimmed = value.trim();
		for (const candidate of new Set([value, trimmed])) {
			if (candidate.length < MIN_SECRET_LENGTH) continue;
			for (const form of secretForms(candidate)) {
				remembered.delete(form);
				remembered.add(form);
			}
		}
	}
	while (remembered.size > MAX_REMEMBERED) {
		const oldest = remembered.values().next().value as string;
		remembered.delete(oldest);
	}
}

/** Keys whose values are secrets whatever they hold (AEP or IMS echoing a form or a header). */
const SECRET_KEY = /secret|password|passphrase|private|token|authorization|connectionstring|sastoken|sas$/i;

export function redactText(text: string): string {
	let result = text;
	// Longest first, so a secret is masked whole before any of its parts.
	const forms = [...remembered].sort((a, b) => b.length - a.length);
	for (const form of forms) if (result.includes(form)) result = result.split(form).join(SECRET_MASK);
	return result
		.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${SECRET_MASK}`)
		// A form (`client_secret=…`) or JSON (`"password":"…"`) echoed as text; prose such as
		// "password: is required" is left alone.
		.replace(/\b((?:client_secret|access_token|refresh_token|password)=)[^&\s"']+/gi, `$1${SECRET_MASK}`)
		.replace(/("[^"]*(?:secret|password|passphrase|private|token|connectionstring)[^"]*"\s*:\s*")[^"]+/gi, `$1${SECRET_MASK}`);
}

/** A copy of `value` with every remembered secret masked, in strings, keys' values and nested objects. */
export function redactValue<T>(value: T, seen = new WeakMap<object, unknown>()): T {
	if (typeof value === 'string') return redactText(value) as T;
	if (!value || typeof value !== 'object') return value;
	if (seen.has(value)) return seen.get(value) as T;
	if (Array.isArray(value)) {
		const copy: unknown[] = [];
		seen.set(value, copy);
		for (const entry of value) copy.push(redactValue(entry, seen));
		return copy as T;
	}
	if (Buffer.isBuffer(value)) return redactText(value.toString('utf8')) as T;
	const copy: Record<string, unknown> = {};
	seen.set(value, copy);
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		copy[key] =
			SECRET_KEY.test(key) && typeof entry === 'string' && entry !== '' ? SECRET_MASK : redactValue(entry, seen);
	}
	return copy as T;
}

/** Fields of n8n's error classes that are shown, saved with the execution or logged. */
const ERROR_FIELDS = ['message', 'description', 'messages', 'context', 'errorResponse', 'httpCode', 'stack'] as const;

/**
 * Masks secrets in an error in place: its message, description, messages, context, the response
 * it carries and its cause (n8n saves a projection of the cause with the execution).
 */
export function redactError<E>(error: E): E {
	if (!error || typeof error !== 'object') return error;
	const target = error as Record<string, unknown>;
	for (const field of ERROR_FIELDS) {
		if (target[field] !== undefined && target[field] !== null) target[field] = redactValue(target[field]);
	}
	const cause = target.cause;
	if (cause instanceof Error) {
		const clean = new Error(redactText(cause.message));
		clean.name = cause.name;
		clean.stack = redactText(cause.stack ?? '');
		Object.defineProperty(target, 'cause', { value: clean, configurable: true, writable: true });
	} else if (cause !== undefined) {
		Object.defineProperty(target, 'cause', { value: redactValue(cause), configurable: true, writable: true });
	}
	return error;
}

/** Credential fields that name a place or a person, not a secret: shown in messages as they are. */
const PUBLIC_FIELDS = new Set([
	'domain',
	'host',
	'hostname',
	'username',
	'user',
	'port',
	'url',
	'tenant',
	'region',
	'bucketname',
	'container',
	'path',
	'folder',
	'specname',
]);

/** Remembers every value of a storage credential (or the auth params made from it) but its public fields. */
export function rememberCredentialValues(record: unknown): void {
	if (typeof record === 'string') {
		rememberSecrets([record]);
		return;
	}
	if (!record || typeof record !== 'object') return;
	for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
		if (PUBLIC_FIELDS.has(key.toLowerCase())) continue;
		if (typeof value === 'string' && /^\s*[{[]/.test(value)) {
			// A JSON field (the custom auth credential): its values, not its text, are what is sent.
			try {
				rememberCredentialValues(JSON.parse(value));
			} catch {
				// Not JSON after all: the text itself is remembered below.
			}
		}
		rememberCredentialValues(value);
	}
}
