/** Most requests that may run at once inside one node for one job (lookups, run lists). */
export const PARALLEL_REQUEST_LIMIT = 4;

/**
 * Pages of one list in flight at once. Tunable for the benchmark's sequential baseline
 * (`setPagingPolicy({ maxInFlight: 1 })`); halved each time AEP answers 429 during the list.
 */
const pagingPolicy = { maxInFlight: 10 };

export function setPagingPolicy(policy: Partial<typeof pagingPolicy>): typeof pagingPolicy {
	const previous = { ...pagingPolicy };
	Object.assign(pagingPolicy, policy);
	return previous;
}

export function pagesInFlight(): number {
	return pagingPolicy.maxInFlight;
}

/** Runs `task` over `inputs` with at most `limit` at once, keeping the input order in the result. */
export async function mapBounded<I, O>(
	inputs: readonly I[],
	limit: number,
	task: (input: I, index: number) => Promise<O>,
): Promise<O[]> {
	return await mapWithBackoff(inputs, limit, task, () => 0);
}

/**
 * Like `mapBounded`, but each time `throttled()` (a count of 429 answers) grows, the number of
 * workers allowed is halved (never below one): a throttled API gets fewer requests at once.
 */
export async function mapWithBackoff<I, O>(
	inputs: readonly I[],
	limit: number,
	task: (input: I, index: number) => Promise<O>,
	throttled: () => number,
): Promise<O[]> {
	const results = new Array<O>(inputs.length);
	let next = 0;
	let allowed = Math.max(1, limit);
	let seen = throttled();
	const worker = async (id: number) => {
		while (next < inputs.length) {
			const now = throttled();
			if (now > seen) {
				seen = now;
				allowed = Math.max(1, Math.floor(allowed / 2));
			}
			if (id >= allowed) return;
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(allowed, inputs.length) }, async (_, id) => await worker(id)));
	return results;
}
