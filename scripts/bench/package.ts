import type { BenchContext, Row } from './common';

export async function packageCases(..._args: unknown[]): Promise<Row[]> {
	return [];
}
