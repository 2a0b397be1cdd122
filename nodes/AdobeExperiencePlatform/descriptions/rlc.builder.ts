/**
 * The one way this package builds a resource locator (after n8n's Microsoft Teams v2
 * `rlc.builder.ts`): every AEP object is picked from a searchable list, by pasting its address in
 * the Experience Platform UI, or by its ID, and every ID must be a UUID (checked again before any
 * request).
 */
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { UUID_PATTERN } from '../domain/uuid';

const UUID = UUID_PATTERN.source.replace(/^\^/, '').replace(/\$$/, '');

/** The Experience Platform UI's address of an object: the last UUID in it is the object's ID. */
export const AEP_UI_URL_PATTERN = `^https://[^/]*adobe\\.com/.*${UUID}`;
/** The last UUID of a URL (org IDs and sandbox names that come before it are not UUIDs). */
export const LAST_UUID_PATTERN = `(${UUID})(?!.*${UUID})`;

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
}

function modes(spec: LocatorSpec): INodePropertyMode[] {
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
							regex: AEP_UI_URL_PATTERN,
							errorMessage: `Paste the ${spec.what}'s address in the Experience Platform UI: it ends with its ID`,
						},
					},
				],
				extractValue: { type: 'regex', regex: LAST_UUID_PATTERN },
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
									properties: { regex: UUID_PATTERN.source, errorMessage: `A ${spec.what} ID is a UUID` },
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
	const { searchListMethod: _method, what: _what, idExample: _example, uncheckedId: _unchecked, default: initial, ...property } = spec;
	return {
		...property,
		type: 'resourceLocator',
		default: initial ?? { mode: 'list', value: '' },
		modes: modes(spec),
	};
}
