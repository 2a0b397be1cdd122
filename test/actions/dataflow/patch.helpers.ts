/** Shared by the patch tests of this folder: fixtures, request expectations and workflow builders. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { AEP_JSON_HEADERS, flowService } from '../../harness/aep';
import { chain } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import { fixture } from '../../harness/fixtures';

export const example = <T = IDataObject>(name: string) => fixture<T>(`seed-examples/${name}`);

export function flowOf(name: string): IDataObject {
	return example<{ items: IDataObject[] }>(`openapi-getFlowById.response-200.${name}.json`).items[0];
}

export const NODE = 'Patch';

/** The dataflow ID from the incoming item, as a workflow chained after Create Dataflow gives it (the form's default is the list). */
export const FROM_INPUT = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

export function patchNode(parameters: IDataObject) {
	return chain([{ name: NODE, type: aepOperation('dataflow', 'patch'), parameters: { dataflow: FROM_INPUT, ...parameters } }]);
}

/** GET /flows/{id} answering `{items: [flow]}`, as Flow Service does. */
export function expectGetFlow(flow: IDataObject) {
	return flowService().get(`/flows/${String(flow.id)}`).reply(200, { items: [flow] });
}

/** A PATCH that must carry `If-Match: "<etag>"` and JSON; its body is captured for exact comparison. */
export function expectPatch(flowId: string, etag: string, bodies: unknown[], reply: [number, unknown?]) {
	return flowService({ ...AEP_JSON_HEADERS, 'if-match': etag })
		.patch(`/flows/${flowId}`, (body: unknown) => {
			bodies.push(body);
			return true;
		})
		.reply(reply[0], reply[1] as nock.Body);
}

export function withEtag(flow: IDataObject, etag: string): IDataObject {
	return { ...flow, etag };
}

export const NEW_ETAG = '"0400aaaa-0000-0200-0000-62d9c0000000"';

/** Audiences A..D of a seed-002 style flow, in the order given. */
export function flowWithAudiences(etag: string, ids: string[]): IDataObject {
	const base = flowOf('Batch_Flow_Daily_Full_Scheduled');
	const transformation = (base.transformations as IDataObject[])[0];
	const params = transformation.params as IDataObject;
	return {
		...base,
		etag,
		transformations: [
			{
				...transformation,
				params: {
					...params,
					segmentSelectors: {
						selectors: ids.map((id) => ({ type: 'PLATFORM_SEGMENT', value: { id, name: `Audience ${id}` } })),
					},
				},
			},
		],
	};
}

export function audienceIdsOf(flow: IDataObject): string[] {
	const params = (flow.transformations as IDataObject[])[0].params as IDataObject;
	return ((params.segmentSelectors as IDataObject).selectors as IDataObject[]).map((s) => (s.value as IDataObject).id as string);
}
