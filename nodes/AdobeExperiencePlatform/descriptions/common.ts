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

export const exportTypeParameter: INodeProperties = {
	displayName: 'Export Type',
	name: 'exportType',
	type: 'options',
	default: 'datasets',
	options: [
		{ name: 'Audiences', value: 'audiences', description: 'Activate audiences to a file-based destination' },
		{ name: 'Datasets', value: 'datasets', description: 'Export datasets to cloud storage' },
	],
};

/** A notice at the top of an operation: what it does, and Adobe's page about it. */
export function operationNotice(text: string, url: string, linkText = "Adobe's guide"): INodeProperties {
	return {
		displayName: `${text} <a href="${url}" target="_blank">${linkText}</a>`,
		name: 'notice',
		type: 'notice',
		default: '',
	};
}
