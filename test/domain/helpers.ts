/** Shared by the domain tests: a fixed "now" and the input error a pure helper throws. */
import { DataflowInputError } from '../../nodes/AdobeExperiencePlatform/domain/inputError';

export const NOW = Date.parse('2021-12-01T12:00:00Z');

export function inputErrorOf(run: () => unknown): DataflowInputError {
	try {
		run();
	} catch (error) {
		if (error instanceof DataflowInputError) return error;
		throw error;
	}
	throw new Error('expected an input error');
}
