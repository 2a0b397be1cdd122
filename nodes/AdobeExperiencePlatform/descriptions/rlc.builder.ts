/**
 * The one way this package builds a resource locator (after n8n's Microsoft Teams v2
 * `rlc.builder.ts`): every AEP object is picked from a searchable list, by pasting its address in
 * the Experience Platform UI, or by its ID, and every ID must be a UUID (a dataset's: Catalog's 24
 * hexadecimal digits), checked again before any request.
 */
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { UUID_PATTERN } from '../domain/uuid';

const UUID = UUID_PATTERN.source.replace(/^\^/, '').replace(/\$$/, '');

/** A Catalog dataset ID, e.g. 5ef3e3259ad2a1191ab7dd7d. */
export const DATASET_ID = '[0-9a-fA-F]{24}';

/** The Experience Platform UI's address of an object: the last ID in it is the object's ID. */
const uiUrlPattern = (id: string) => `^https://[^/]*adobe\\.com/.*${id}`;
/** The last ID of a URL (org IDs and sandbox names that come before it are not UUIDs). */
const lastIdPattern = (id: string) => `(${id})(?!.*${id})`;
export const LAST_UUID_PATTERN = lastIdPattern(UUID);
export const LAST_DATASET_ID_PATTERN = lastIdPattern(DATASET_ID);

export interface LocatorSpec extends Omit<INodeProperties, 'type' | 'default' | 'modes' | 'typeOptions'> {
	/** The listSearch method filling the list. */
	searchListMethod: string;
	/** What the object is, for messages: "dataflow", "connection spec". */
	what: string;
	/** An ID for the placeholder, e.g. 0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e. */
	idExample: string;
	/** Default `{mode: 'list', value: ''}`. */
	default?: { mode: 'list' | 'url' | 'id'; value: string };
	/**
	 * Leave the By ID mode unchecked in the editor (the operation still checks the ID before any
	 * request). Only for connection IDs, which Adobe's tutorials write as placeholders such as
	 * `<FROM_STEP_CREATE_TARGET_CONNECTION>` that the bodies of their examples keep.
	 */
	uncheckedId?: boolean;
	/** IDs that are not UUIDs: their pattern (unanchored) and what the editor says of a wrong one. */
	idFormat?: { pattern: string; errorMessage: string };
}

function modes(spec: LocatorSpec): INodePropertyMode[] {
	const id = spec.idFormat ?? { pattern: UUID, errorMessage: `A ${spec.what} ID is a UUID` };
	// Kept under a `modes` key, as in a node description, which is how n8n's lint recognises modes.
	const locator: { modes: INodePropertyMode[] } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. https://experience.adobe.com/#/@yourorg/sname:prod/platform/…/${spec.idExample}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: uiUrlPattern(id.pattern),
							errorMessage: `Paste the ${spec.what}'s address in the Experience Platform UI: it ends with its ID`,
						},
					},
				],
				extractValue: { type: 'regex', regex: lastIdPattern(id.pattern) },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${spec.idExample}`,
				...(spec.uncheckedId
					? {}
					: {
							validation: [
								{
									type: 'regex' as const,
									properties: { regex: `^${id.pattern}$`, errorMessage: id.errorMessage },
								},
							],
						}),
			},
		],
	};
	return locator.modes;
}

/** A resource locator with list, URL and ID modes. Keys not derived here pass through. */
export function resourceLocator(spec: LocatorSpec): INodeProperties {
	const { searchListMethod: _method, what: _what, idExample: _example, uncheckedId: _unchecked, idFormat: _format, default: initial, ...property } = spec;
	return {
		...property,
		type: 'resourceLocator',
		default: initial ?? { mode: 'list', value: '' },
		modes: modes(spec),
	};
}
