/** Seed 000's S3 source, base and target connections, created in the simulation. */
import type { FlowClient } from './helpers';
import { fillPlaceholders, seed } from './helpers';

export async function s3DatasetConnections(client: FlowClient) {
	const source = await client.create('/sourceConnections', seed('000-source-connection.request.json'));
	const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')));
	const target = await client.create(
		'/targetConnections',
		fillPlaceholders(seed('000-target-connection-amazon-s3.request.json'), { '<FROM_STEP_CREATE_TARGET_BASE_CONNECTION>': base.id }),
	);
	return { sourceId: source.id, baseId: base.id, targetId: target.id };
}
