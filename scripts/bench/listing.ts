import type { BenchContext, Row } from './common';

export async function listingCases(..._args: unknown[]): Promise<Row[]> {
	return [];
}
