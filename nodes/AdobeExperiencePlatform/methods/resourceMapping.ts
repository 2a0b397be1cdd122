/** Fields generated from the destination's live connection spec. */
import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { conditionalContext } from '../api/catalogue';
import { schemaFields, toResourceMapperFields } from '../domain/schema/fields';
import { editedExportType } from './editedParameters';
import { pickedDestination } from './pickedDestination';

/** resourceMapping: the destination's target parameters, as its `targetSpec` defines them for this export type. */
export async function getTargetParameterFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const spec = await pickedDestination(this);
	if (!spec) return { fields: [], emptyFieldsNotice: 'Pick a destination first' };
	const schema = spec.targetSpec?.spec;
	if (!schema?.properties) return { fields: [], emptyFieldsNotice: `${spec.name} defines no target parameters` };
	const context = await conditionalContext(this, spec.id, editedExportType(this));
	return { fields: toResourceMapperFields(schemaFields(schema, context)) };
}
