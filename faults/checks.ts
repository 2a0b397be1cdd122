/**
 * How a run is judged: secret scanning (raw, Base64 at every alignment, URL-encoded), error
 * clarity, and the outcome categories of the table.
 */

export interface Secret {
	/** What it is, for the report ("client secret", "amazonS3AccessKeyApi.secretAccessKey", "bearer token"). */
	label: string;
	/** The distinctive text to look for (a canary, or a token). */
	value: string;
}

/**
 * Base64 forms of `value` wherever it starts in a larger text: for each of the three alignments, the
 * characters determined by `value` alone.
 */
export function base64Forms(value: string): string[] {
	const bytes = Buffer.from(value, 'utf8');
	const forms: string[] = [];
	for (let shift = 0; shift < 3; shift++) {
		const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
		const total = shift + bytes.length;
		const start = shift === 0 ? 0 : shift === 1 ? 2 : 3;
		const end = 4 * Math.floor(total / 3) + Math.floor((8 * (total % 3)) / 6);
		const form = encoded.slice(start, end);
		if (form.length >= 8) forms.push(form);
		// URL-safe Base64 too.
		if (form.length >= 8) forms.push(form.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return forms;
}

export function encodedForms(value: string): Array<{ form: string; encoding: string }> {
	const forms = [{ form: value, encoding: 'raw' }];
	const url = encodeURIComponent(value);
	if (url !== value) forms.push({ form: url, encoding: 'url-encoded' });
	const formEncoded = new URLSearchParams({ v: value }).toString().slice(2);
	if (formEncoded !== value && formEncoded !== url) forms.push({ form: formEncoded, encoding: 'form-encoded' });
	const jsonEscaped = JSON.stringify(value).slice(1, -1);
	if (jsonEscaped !== value) forms.push({ form: jsonEscaped, encoding: 'json-escaped' });
	for (const form of base64Forms(value)) forms.push({ form, encoding: 'base64' });
	return forms;
}

export interface SecretHit {
	secret: string;
	encoding: string;
	/** Where it was found: "output of <node>", "error of <node>", "console", "thief", ... */
	where: string;
	excerpt: string;
}

export function scan(text: string, secrets: Secret[], where: string): SecretHit[] {
	const hits: SecretHit[] = [];
	for (const secret of secrets) {
		for (const { form, encoding } of encodedForms(secret.value)) {
			const at = text.indexOf(form);
			if (at >= 0) {
				const excerpt = text.slice(Math.max(0, at - 60), at + form.length + 30).replace(/\s+/g, ' ');
				hits.push({ secret: secret.label, encoding, where, excerpt });
				break;
			}
		}
	}
	return hits;
}

/** JSON of anything, errors included (their own properties, message, description, cause), never their stack. */
export function stackFreeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, function replacer(_key, v: unknown) {
		if (typeof v === 'bigint') return String(v);
		if (v && typeof v === 'object') {
			if (seen.has(v)) return '[circular]';
			seen.add(v);
			if (v instanceof Error) {
				const copy: Record<string, unknown> = { name: v.name, message: v.message };
				for (const key of Object.getOwnPropertyNames(v)) {
					if (key !== 'stack') copy[key] = (v as unknown as Record<string, unknown>)[key];
				}
				return copy;
			}
		}
		return v;
	});
}

export interface ErrorFacts {
	name: string;
	message: string;
	description?: string;
	node?: string;
}

export function errorFacts(error: unknown, node?: string): ErrorFacts {
	const e = error as { name?: string; constructor?: { name?: string }; message?: string; description?: string | null };
	return {
		name: e?.constructor?.name && e.constructor.name !== 'Object' ? e.constructor.name : (e?.name ?? 'unknown'),
		message: String(e?.message ?? error),
		description: e?.description ?? undefined,
		node,
	};
}

/** Words that show a message names what was being done (an HTTP call, a token request, an object). */
const NAMES_AN_OPERATION =
	/\b(GET|POST|PATCH|PUT|DELETE)\s+\/|\btoken\b|\bIMS\b|\b(creat|list|look|read|fetch|patch|updat|send|sent|wait|request)\w*|\b(dataset|connection|dataflow|flow|run)s?\b/i;
const CLEAR_ERROR_CLASSES = new Set(['NodeApiError', 'NodeOperationError']);

/**
 * What issue 11 asks for when a 2xx answer cannot be read ("AEP answered POST /flows with HTTP 201 but
 * the answer could not be read ..."): a clear message, not a 2xx said to have failed.
 */
const UNREADABLE_2XX_ANSWER = /\banswered\b[^;()\n]{0,200}?\bwith HTTP (2\d\d) but the answer could not be read/gi;

/** Why an error message misleads the user, or undefined when it is a clear error. */
export function misleadingReason(error: ErrorFacts): string | undefined {
	const statuses = [...`${error.message} ${error.description ?? ''}`.matchAll(UNREADABLE_2XX_ANSWER)].map((m) => m[1]);
	// The description's facts ("HTTP 201, request id ...") then repeat that status: a fact, not a failure.
	const facts = statuses.reduce((d, status) => d.replace(new RegExp(`\\bHTTP ${status}\\b`, 'g'), ''), error.description ?? '');
	const text = `${error.message} ${facts}`.replace(UNREADABLE_2XX_ANSWER, '');
	if (/\bHTTP 2\d\d\b|\b2xx\b|status code 2\d\d/i.test(text)) return 'says an HTTP 2xx failed';
	if (!CLEAR_ERROR_CLASSES.has(error.name)) return `raised as ${error.name}, not NodeApiError/NodeOperationError`;
	if (/\b(undefined|NaN|\[object Object\])\b|: nothing\b/.test(error.message)) {
		return 'names an empty or undefined value instead of what happened';
	}
	if (/^(Cannot read|Unexpected token|.*is not a function|.*is not iterable)/i.test(error.message)) {
		return 'a programming error surfaced as the message';
	}
	if (!NAMES_AN_OPERATION.test(error.message)) return 'names no operation';
	return undefined;
}

export type Outcome = 'completed' | 'failed-clear' | 'misleading' | 'lost' | 'duplicated' | 'hung';

export const OUTCOMES: Outcome[] = ['completed', 'failed-clear', 'misleading', 'lost', 'duplicated', 'hung'];

export interface Violation {
	category: 'misleading' | 'lost' | 'duplicated' | 'hung' | 'secret' | 'not converged';
	run: string;
	faults: string;
	detail: string;
	/** Violations with the same key are the same finding (examples show one of each). */
	key?: string;
}
