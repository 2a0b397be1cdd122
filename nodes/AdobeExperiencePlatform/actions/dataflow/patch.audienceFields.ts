import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_FILE_NAME_TEMPLATE } from '../../domain/audienceSelector';
import { audienceLocator } from '../../descriptions/audienceLocator';

/** Incremental export frequencies in their natural order (Adobe's BaseSegmentSelectorValue), not alphabetically. */
const INCREMENTAL_FREQUENCY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Every 3 Hours', value: 'EVERY_3_HOURS' },
	{ name: 'Every 6 Hours', value: 'EVERY_6_HOURS' },
	{ name: 'Every 8 Hours', value: 'EVERY_8_HOURS' },
	{ name: 'Every 12 Hours', value: 'EVERY_12_HOURS' },
	{ name: 'Daily', value: 'DAILY' },
];

/** The fields of one audience to add, in the order a person fills them: which audience, how often, from when. */
export const addAudienceFields: INodeProperties[] = [
	audienceLocator({
		displayName: 'Audience',
		name: 'audienceId',
		required: true,
		description: 'The audience (segment definition) to activate, picked by name or given by its ID',
	}),
	{
		displayName: 'Audience Name',
		name: 'audienceName',
		type: 'string',
		default: '',
		description: 'Optional; shown in the dataflow',
	},
	{
		displayName: 'Audience Description',
		name: 'audienceDescription',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Export Mode',
		name: 'exportMode',
		type: 'options',
		default: 'DAILY_FULL_EXPORT',
		options: [
			{ name: 'Full Files (DAILY_FULL_EXPORT)', value: 'DAILY_FULL_EXPORT' },
			{
				name: 'First Full Then Incremental (FIRST_FULL_THEN_INCREMENTAL)',
				value: 'FIRST_FULL_THEN_INCREMENTAL',
			},
		],
	},
	{
		displayName: 'Frequency',
		name: 'fullExportFrequency',
		type: 'options',
		default: 'ONCE',
		options: [
			{ name: 'Once', value: 'ONCE' },
			{ name: 'Daily', value: 'DAILY' },
		],
		displayOptions: { show: { exportMode: ['DAILY_FULL_EXPORT'] } },
	},
	{
		displayName: 'Frequency',
		name: 'incrementalFrequency',
		type: 'options',
		default: 'DAILY',
		options: INCREMENTAL_FREQUENCY_OPTIONS,
		displayOptions: { show: { exportMode: ['FIRST_FULL_THEN_INCREMENTAL'] } },
	},
	{
		displayName: 'Trigger Type',
		name: 'triggerType',
		type: 'options',
		default: 'SCHEDULED',
		options: [
			{
				name: 'After Segment Evaluation',
				value: 'AFTER_SEGMENT_EVAL',
				description: 'Export right after the daily segmentation job finishes',
			},
			{ name: 'Scheduled', value: 'SCHEDULED', description: 'Export at the start time below' },
		],
		displayOptions: { show: { exportMode: ['DAILY_FULL_EXPORT'] } },
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-07-20',
		description: 'First day of exports, as YYYY-MM-DD (UTC). Empty means today.',
	},
	{
		displayName: 'Start Time (UTC)',
		name: 'startTimeUtc',
		type: 'string',
		default: '',
		placeholder: 'e.g. 17:00',
		description: 'Hour of the export in UTC, as HH:mm with minutes 00. Not used with trigger After Segment Evaluation.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-12-31',
		description: 'Last day of exports, as YYYY-MM-DD. Not used by one-time exports.',
	},
	{
		displayName: 'File Name Template',
		name: 'fileNameTemplate',
		type: 'string',
		default: DEFAULT_FILE_NAME_TEMPLATE,
		description:
			"Must contain the destination (%DESTINATION%, or %DESTINATION_NAME% for older batch destinations) and the audience ID (%SEGMENT_ID%); at most 255 characters. Optional: %SEGMENT_NAME%, %DESTINATION_INSTANCE_ID%, %DESTINATION_INSTANCE_NAME%, %ORGANIZATION_NAME%, %SANDBOX_NAME%, one of %DATETIME(YYYYMMdd_HHmmss)% or %TIMESTAMP%, and your own text. Adobe's default is %DESTINATION%_%SEGMENT_ID%.",
	},
];
