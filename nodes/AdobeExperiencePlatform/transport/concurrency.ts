/** Most requests that may run at once inside one node for one job (pages, lookups). */
export const PARALLEL_REQUEST_LIMIT = 4;

/** Runs `task` over `inputs` with at most `limit` at once, keeping the input order in the result. */
export async function mapBounded<I, O>(
	inputs: readonly I[],
	limit: number,
	task: (input: I, index: number) => Promise<O>,
): Promise<O[]> {
	const results = new Array<O>(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
	return results;
}
