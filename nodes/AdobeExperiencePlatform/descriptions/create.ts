/** The parameters every create operation shares: the name it creates and looks up, and what to do on a match. */
import type { INodeProperties } from 'n8n-workflow';

import { IF_EXISTS_DISPLAY_NAME } from '../helpers/findOrCreate';

/** The Name parameter, worded for the thing the operation creates (e.g. "base connection", "dataflow"). */
export function nameParameter(resource: string, placeholder: string): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description: `Name of the ${resource}; also what "${IF_EXISTS_DISPLAY_NAME}" looks for`,
	};
}

/** "If One With This Name Already Exists", worded for the thing the operation creates. */
export function ifExistsParameter(resource: string): INodeProperties {
	return {
		displayName: IF_EXISTS_DISPLAY_NAME,
		name: 'ifExists',
		type: 'options',
		default: 'reuse',
		description: `What to do when the sandbox already holds a ${resource} with this exact name. AEP itself allows duplicate names, so a scheduled re-run would otherwise create a new ${resource} every time.`,
		options: [
			{
				name: 'Create Another',
				value: 'create',
				description: `Create a new ${resource} anyway, without looking`,
			},
			{
				name: 'Fail',
				value: 'fail',
				description: `Stop with an error naming the existing ${resource}`,
			},
			{
				name: 'Reuse It',
				value: 'reuse',
				description: `Output the existing ${resource} that is the same thing (the oldest, if several); create one when none is`,
			},
		],
	};
}

/** Bypasses the catalogue kept per credential and sandbox (`api/catalogueCache.ts`) for this node run. */
export const refreshCatalogueOption: INodeProperties = {
	displayName: 'Re-Read Destination Catalogue',
	name: 'refreshCatalogue',
	type: 'boolean',
	default: false,
	description:
		'Whether to read the destinations catalogue (connection and flow specs) from AEP again in this run, instead of the copy kept for up to 15 minutes',
};

/** The Description option of a create node's Options collection. */
export function descriptionOption(resource: string): INodeProperties {
	return {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: `Description of the ${resource}`,
	};
}
