/** Shared by the transport tests of this folder: fixtures, request expectations and workflow builders. */
import type { IDataObject } from 'n8n-workflow';
import { HarnessTransport } from '../harness/transport-node';

export const SECRET = 'p8e-TEST-SECRET-never-leak';

export function transport(parameters: IDataObject, name = 'Call') {
	return { name, type: HarnessTransport.type, parameters };
}
