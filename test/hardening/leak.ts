/** What a run leaves where a user, a saved execution or a log could show it, for canary checks. */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';

import type { WorkflowRun } from '../harness/engine';

/** A secret as it may come back: as sent, Base64, Base64 without padding, URL-encoded, JSON-escaped. */
export function forms(secret: string): string[] {
	const base64 = Buffer.from(secret).toString('base64');
	return [
		secret,
		base64,
		base64.replace(/=+$/, ''),
		encodeURIComponent(secret),
		new URLSearchParams({ v: secret }).toString().slice(2),
		JSON.stringify(secret).slice(1, -1),
	];
}

/** Everything n8n keeps of a run: run data (as saved), and each error's fields and cause, as n8n serialises them. */
export function visibleText(result: WorkflowRun, logged: string[] = []): string {
	const errors = Object.values(result.run.data.resultData.runData)
		.flat()
		.map((run) => run.error)
		.filter(Boolean)
		.map((error) => {
			const e = error as unknown as Record<string, unknown> & { cause?: unknown; toJSON?: () => unknown };
			const cause = e.cause as { message?: string; stack?: string } | undefined;
			return [
				e.message,
				e.description,
				e.stack,
				JSON.stringify(e.messages),
				JSON.stringify(e.context),
				JSON.stringify(e.errorResponse),
				JSON.stringify(e.httpCode),
				cause?.message,
				cause?.stack,
				JSON.stringify(e.toJSON?.()),
			].join('\n');
		});
	return [JSON.stringify(result.run.data), ...errors, ...logged].join('\n');
}

export function expectNoneOf(text: string, secrets: string[]) {
	for (const secret of secrets) {
		for (const form of forms(secret)) expect({ secret, found: text.includes(form) }).toEqual({ secret, found: false });
	}
}

/** Collects what is written to the console, and what n8n's logger is given (at every level), while `run` runs. */
export async function capturingConsole<T>(run: () => Promise<T>): Promise<{ value: T; logged: string[] }> {
	const logged: string[] = [];
	const record = (...args: unknown[]) => {
		logged.push(
			args
				.map((arg) => {
					if (typeof arg === 'string') return arg;
					const error = (arg as { error?: Error })?.error;
					return `${JSON.stringify(arg) ?? String(arg)} ${error?.message ?? ''} ${error?.stack ?? ''}`;
				})
				.join(' '),
		);
	};
	// n8n's Logger replaces the proxy's logger when it is first made: make it first, then take its place.
	Container.get(Logger);
	LoggerProxy.init({ error: record, warn: record, info: record, debug: record } as unknown as Parameters<typeof LoggerProxy.init>[0]);
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			logged.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? String(arg))).join(' '));
		}),
	);
	try {
		return { value: await run(), logged };
	} finally {
		for (const spy of spies) spy.mockRestore();
		const quiet = () => {};
		LoggerProxy.init({ error: quiet, warn: quiet, info: quiet, debug: quiet } as unknown as Parameters<typeof LoggerProxy.init>[0]);
	}
}
