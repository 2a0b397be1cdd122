/**
 * Which destination (and auth method) each storage credential type can create a base connection
 * for, found by trying the simulation's catalogue without faults, so nothing here names a
 * destination or an auth spec.
 */
import type { IDataObject } from 'n8n-workflow';

import { bounded, credentialsFor } from './suite';
import type { SuiteContext } from './suite';
import type { Pipeline } from './workflow';
import { baseConnectionOnly, baseConnectionStep, runPipeline } from './workflow';

export interface Destination {
	name: string;
	parameters: IDataObject;
}

const SETUP_SANDBOX = 'faults-setup';

export async function findDestinations(ctx: SuiteContext, pipeline: Pipeline): Promise<Map<string, Destination>> {
	const found = new Map<string, Destination>();
	const base = baseConnectionStep(pipeline);
	const specs = ctx.sim.state.catalogue.connectionSpecs.filter((spec) => (spec.authSpec ?? []).length > 0);
	let attempt = 0;
	const taken = new Set<string>();
	for (const { type } of ctx.storage) {
		// A destination no other credential type serves first (GCS keys also fit S3's auth spec).
		const ordered = [...specs.filter((spec) => !taken.has(spec.id)), ...specs.filter((spec) => taken.has(spec.id))];
		for (const spec of ordered) {
			for (const auth of spec.authSpec ?? []) {
				if (found.has(type)) break;
				const parameters: IDataObject = {
					...base.parameters,
					destination: { __rl: true, mode: 'id', value: spec.id },
					authMethod: auth.name,
					storageCredential: type,
					name: `Fault suite probe ${type}`,
				};
				const credentials = { [ctx.platformType]: { id: ctx.platformType, name: ctx.platformType }, [type]: { id: type, name: type } };
				const workflow = baseConnectionOnly(pipeline, parameters, credentials);
				const { result } = await bounded(
					runPipeline(workflow, credentialsFor(ctx, SETUP_SANDBOX, ctx.sim.url), `setup-${++attempt}`),
					10_000,
					() => {},
				);
				const ok = result && !result.run.data.resultData.error && result.output(workflow.steps[0]).length > 0;
				if (ok) {
					taken.add(spec.id);
					found.set(type, {
						name: `${spec.name} / ${auth.name}`,
						parameters: { destination: parameters.destination, authMethod: auth.name, storageCredential: type },
					});
				}
			}
		}
	}
	// What the probes printed is not part of any faulted run.
	ctx.capture.takeNew();
	return found;
}
