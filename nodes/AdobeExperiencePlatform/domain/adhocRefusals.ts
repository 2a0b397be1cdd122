/**
 * Adobe's documented refusals of an ad hoc ("export now") run, as clear messages. From the Ad Hoc
 * Activation API reference and Adobe's "export file now" guide.
 */

export type AdhocRefusal = 'runGoingOn' | 'notInDataflow' | 'tooSoon' | 'notEnabled' | 'notReady';

const PATTERNS: Array<[AdhocRefusal, RegExp]> = [
	['notReady', /not ready for dataset export/i],
	['runGoingOn', /run already going on/i],
	['notInDataflow', /not part of this dataflow|out of schedule range/i],
	['notEnabled', /adhoc run can ?not be executed for flow ?spec/i],
	['tooSoon', /\b(one|1) hour\b|first activat/i],
];

export function adhocRefusalOf(message: unknown): AdhocRefusal | undefined {
	if (typeof message !== 'string') return undefined;
	return PATTERNS.find(([, pattern]) => pattern.test(message))?.[0];
}

/** What to tell the user, and what to do about it. */
export const REFUSAL_ADVICE: Record<AdhocRefusal, { message: string; description: string }> = {
	runGoingOn: {
		message: 'An export of this audience is already running for this dataflow',
		description: 'Adobe runs one export per audience at a time, and none while a scheduled export of it runs. Wait for the run to finish (Run → Get Many with Wait for Completion), then export again.',
	},
	notInDataflow: {
		message: 'The audience is not part of this dataflow, or its schedule has ended or not started',
		description: 'Add the audience with Dataflow → Patch → Add Audience, or check its start and end dates.',
	},
	tooSoon: {
		message: 'The audience was first activated less than an hour ago',
		description: 'Adobe allows an ad hoc export only one hour after the audience was first activated on its schedule. Try again later.',
	},
	notEnabled: {
		message: 'Export Now is not enabled for this dataflow’s destination in your organization',
		description: 'Adobe must enable ad hoc (on-demand) dataset exports for your organization. Ask your Adobe contact, or wait for the scheduled run.',
	},
	notReady: {
		message: 'The dataflow is not ready for a dataset export yet',
		description: 'A new dataset dataflow takes some minutes before it accepts an export now. Raise "Retry While Not Ready (Seconds)", or run again later.',
	},
};
