/** Fields generated from the destination's live connection spec. */
import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { conditionalContext } from '../api/catalogue';
import { schemaFields, toResourceMapperFields } from '../domain/schema/fields';
import { isUuid } from '../domain/uuid';
import { editedExportType, editedLocatorValue } from './editedParameters';
import { pickedDestination } from './pickedDestination';

/** resourceMapping: the destination's target parameters, as its `targetSpec` defines them for this export type. */
export async function getTargetParameterFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const destination = editedLocatorValue(this, 'destination');
	// The spec and the flow specs (what the spec's conditions read) are read at once, not one after the other.
	const context = isUuid(destination)
		? conditionalContext(this, destination, editedExportType(this))
		: Promise.resolve(undefined);
	context.catch(() => undefined);
	const spec = await pickedDestination(this);
	if (!spec) return { fields: [], emptyFieldsNotice: 'Pick a destination first' };
	const schema = spec.targetSpec?.spec;
	if (!schema?.properties) return { fields: [], emptyFieldsNotice: `${spec.name} defines no target parameters` };
	return { fields: toResourceMapperFields(schemaFields(schema, (await context)!)) };
}
