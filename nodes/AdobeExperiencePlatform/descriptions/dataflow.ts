/** Dataflow parameters that Dataflow → Create and Dataflow → Patch both offer. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Dataset export frequencies, as `parseDatasetFrequency` reads their values; in their natural
 * order (every 3, 6, 9, 12 hours, daily, once), not alphabetically.
 */
export const DATASET_FREQUENCY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Every 3 Hours', value: 'hour:3' },
	{ name: 'Every 6 Hours', value: 'hour:6' },
	{ name: 'Every 9 Hours', value: 'hour:9' },
	{ name: 'Every 12 Hours', value: 'hour:12' },
	{ name: 'Daily', value: 'day:1' },
	{ name: 'Once (One-Time Full Export)', value: 'once' },
];

const FOLDER_NAME_MACROS =
	'Macros: %DESTINATION%, %DATASET_NAME%, %DATASET_ID%, %DESTINATION_INSTANCE_ID%, %DESTINATION_INSTANCE_NAME%, %SANDBOX_NAME%, %ORGANIZATION_NAME%, %DATETIME(...)% or %EXPORT_TIME%.';

/** A dataset export's folder name template; `purpose` opens the description. */
export function folderNameTemplateParameter(purpose: string): INodeProperties {
	return {
		displayName: 'Folder Name Template',
		name: 'folderNameTemplate',
		type: 'string',
		default: '',
		placeholder: 'e.g. %DESTINATION%/%DATASET_ID%/%DATETIME(YYYYMMdd_HHmmss)%',
		description: `${purpose} ${FOLDER_NAME_MACROS}`,
	};
}

/** The Flow Spec option meaning "the destination's only flow spec for this export type". */
export const AUTOMATIC_FLOW_SPEC = '';
