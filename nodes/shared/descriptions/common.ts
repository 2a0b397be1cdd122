import type { INodeProperties } from 'n8n-workflow';

/** "Return All" / "Limit", as n8n's own list operations offer them. */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** Largest Limit the list nodes accept; beyond it, use Return All. */
export const MAX_LIMIT = 10000;
