/** What a run leaves where a user, a saved execution or a log could show it, for canary checks. */
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

/** Collects what is written to the console while `run` runs. */
export async function capturingConsole<T>(run: () => Promise<T>): Promise<{ value: T; logged: string[] }> {
	const logged: string[] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			logged.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? String(arg))).join(' '));
		}),
	);
	try {
		return { value: await run(), logged };
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
}
