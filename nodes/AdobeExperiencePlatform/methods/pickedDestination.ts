import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { getConnectionSpec } from '../api/catalogue';
import type { ConnectionSpec } from '../domain/catalogue';
import { isUuid } from '../domain/uuid';
import { editedLocatorValue } from './editedParameters';

/** The destination picked in the node being edited, or undefined while none (or no valid ID) is. */
export async function pickedDestination(ctx: ILoadOptionsFunctions): Promise<ConnectionSpec | undefined> {
	const id = editedLocatorValue(ctx, 'destination');
	if (!isUuid(id)) return undefined;
	return await getConnectionSpec(ctx, id);
}
