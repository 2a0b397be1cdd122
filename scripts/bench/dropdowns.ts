import type { BenchContext, Row } from './common';

export async function dropdownCases(..._args: unknown[]): Promise<Row[]> {
	return [];
}
