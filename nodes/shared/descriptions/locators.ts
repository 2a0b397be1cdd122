import type { INodePropertyMode } from 'n8n-workflow';

import { UUID_PATTERN } from '../validation';

/**
 * The two modes of a picker for an AEP object: a list filled by a listSearch method as the user
 * types, or its UUID, which n8n refuses to take when it is not one.
 */
export function uuidLocatorModes(
	searchListMethod: string,
	placeholder: string,
	errorMessage: string,
): INodePropertyMode[] {
	// Kept under a `modes` key, as in a node description, which is how n8n's lint recognises modes.
	const locator: { modes: INodePropertyMode[] } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [{ type: 'regex', properties: { regex: UUID_PATTERN.source, errorMessage } }],
			},
		],
	};
	return locator.modes;
}
