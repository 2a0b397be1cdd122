/** The bounded parallel map behind paging: order kept, bound respected, halved on each 429. */
import { mapBounded, mapWithBackoff } from '../../nodes/AdobeExperiencePlatform/transport/concurrency';

const tick = async () => await new Promise((resolve) => setTimeout(resolve, 1));

test('keeps the input order and never runs more than the bound at once', async () => {
	let running = 0;
	let most = 0;
	const result = await mapBounded([5, 4, 3, 2, 1, 0, 9, 8], 3, async (value) => {
		most = Math.max(most, ++running);
		await tick();
		running--;
		return value * 2;
	});
	expect(result).toEqual([10, 8, 6, 4, 2, 0, 18, 16]);
	expect(most).toBe(3);
});

test('each new 429 halves the requests in flight, down to one at a time', async () => {
	let throttled = 0;
	let running = 0;
	const inFlight: number[] = [];
	const inputs = Array.from({ length: 40 }, (_, index) => index);
	const result = await mapWithBackoff(
		inputs,
		8,
		async (value) => {
			inFlight.push(++running);
			await tick();
			// The answers to the 3rd and the 12th task were 429s (retried inside the request).
			if (value === 2 || value === 11) throttled++;
			running--;
			return value;
		},
		() => throttled,
	);
	expect(result).toEqual(inputs);
	expect(Math.max(...inFlight.slice(0, 8))).toBe(8);
	// After two 429s: 8 → 4 → 2 workers at most.
	expect(Math.max(...inFlight.slice(-10))).toBeLessThanOrEqual(2);
});
