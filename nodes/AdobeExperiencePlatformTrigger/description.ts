/** The trigger's parameters. Version 1 picks one finish event; version 2 several events of any kind. */
import type { INodeProperties } from 'n8n-workflow';

import { uiOrganizationOption } from '../AdobeExperiencePlatform/descriptions/uiLink';
import { dataflowLocator } from '../AdobeExperiencePlatform/descriptions/locators';
import { DOCS } from '../AdobeExperiencePlatform/domain/constants';
import { FALLBACK_DESTINATIONS } from '../AdobeExperiencePlatform/domain/catalogue';
import { TRIGGER_EVENT_OPTIONS } from '../AdobeExperiencePlatform/domain/runs/runEvents';

const V1 = { '@version': [1] };
const V2 = { '@version': [{ _cnd: { gte: 2 } }] };

export const DEFAULT_DELAY_MINUTES = 150;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: `Emits each event once, with the run's names, counts, errors, skip reasons, one row per audience or dataset and a link to the dataflow. The first check after publishing only records what exists (nothing is emitted for earlier runs; dataflow conditions are reported from the second check on). <a href="${DOCS.runs}" target="_blank">Adobe's reference</a>`,
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		default: 'one',
		options: [
			{
				name: 'All Destination Dataflows',
				value: 'all',
				description: 'Every destination dataflow in the credential’s sandbox, including ones created later',
			},
			{ name: 'One Dataflow', value: 'one' },
			{ name: 'Several Dataflows', value: 'several' },
		],
	},
	dataflowLocator({
		default: { mode: 'list', value: '' },
		description: 'The destination dataflow whose runs to watch',
		displayOptions: { show: { watch: ['one'] } },
	}),
	{
		displayName: 'Dataflows',
		name: 'dataflows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Dataflow',
		default: {},
		displayOptions: { show: { watch: ['several'] } },
		options: [
			{
				displayName: 'Dataflow',
				name: 'dataflowValues',
				values: [dataflowLocator({ default: { mode: 'list', value: '' } })],
			},
		],
	},
	{
		displayName: 'Only Destination',
		name: 'destinationFilter',
		type: 'options',
		default: '',
		description:
			'Watch only dataflows to this destination (its connection spec; an expression may give any other connection spec ID)',
		displayOptions: { show: V2 },
		options: [
			{ name: 'Any Destination', value: '' },
			...FALLBACK_DESTINATIONS.map((destination) => ({ name: destination.name, value: destination.connectionSpecId })),
		],
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		default: 'failed',
		displayOptions: { show: V1 },
		options: [
			{ name: 'Any Run Finished', value: 'anyFinished', description: 'Whatever its outcome' },
			{ name: 'Run Failed', value: 'failed' },
			{ name: 'Run Partially Succeeded', value: 'partialSuccess' },
			{ name: 'Run Succeeded', value: 'success' },
		],
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		default: ['failed'],
		required: true,
		displayOptions: { show: V2 },
		options: TRIGGER_EVENT_OPTIONS,
		description: 'One item per event; a run that is delayed and then fails gives one item for each',
	},
	{
		displayName: 'Delayed After (Minutes)',
		name: 'delayMinutes',
		type: 'number',
		default: DEFAULT_DELAY_MINUTES,
		typeOptions: { minValue: 1 },
		description: 'A run still going after this many minutes is delayed (Adobe alerts after 150)',
		displayOptions: { show: { ...V2, events: ['delayed'] } },
	},
	{
		displayName: 'Skip Rate Above (%)',
		name: 'skipRatePercent',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
		description: 'Fires when skipped records are more than this percentage of the records the run read',
		displayOptions: { show: { ...V2, events: ['skipRate'] } },
	},
	{
		displayName: 'Grace Period (Minutes)',
		name: 'graceMinutes',
		type: 'number',
		default: 60,
		typeOptions: { minValue: 0 },
		description: 'How long after the schedule interval a run may start before it counts as missing',
		displayOptions: { show: { ...V2, events: ['missingRun'] } },
	},
	{
		displayName: 'Ending Within (Days)',
		name: 'endingWithinDays',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 1 },
		description: 'Fires when a dataset dataflow’s end time is this close',
		displayOptions: { show: { ...V2, events: ['ending'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: V2 },
		options: [
			uiOrganizationOption(),
		],
	},
];
