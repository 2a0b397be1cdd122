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
