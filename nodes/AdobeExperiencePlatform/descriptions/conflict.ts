import type { INodeProperties } from 'n8n-workflow';

/** How many times an update reads and re-sends after AEP answers 412 (someone else changed the record in between). */
export function attemptsOnConflictOption(defaultAttempts: number, what: string): INodeProperties {
	return {
		displayName: 'Attempts on Conflict',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: defaultAttempts,
		description: `How many times to read the ${what} and send the change when AEP answers 412 because someone else changed it in between`,
	};
}
