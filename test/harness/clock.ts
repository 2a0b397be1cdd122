/**
 * Freezes only the clock (`Date`), so the seeds' dates lie in the future; the engine's own timers,
 * microtasks and I/O keep running. Undo with `jest.useRealTimers()`.
 */
export function freezeDate(iso: string) {
	jest.useFakeTimers({
		now: new Date(iso),
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}

/** Tomorrow's date in UTC (YYYY-MM-DD): a one-time export starting then is in the future whatever the time of day. */
export function tomorrowUtc(): string {
	return new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
}
