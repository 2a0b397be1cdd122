/** What the node being edited holds, as its dropdown methods read it (values may still be half-typed). */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { ExportType } from '../domain/catalogue';

/** The Export Type chosen; datasets while none (or no valid one) is. */
export function editedExportType(ctx: ILoadOptionsFunctions): ExportType {
	return ctx.getCurrentNodeParameter('exportType') === 'audiences' ? 'audiences' : 'datasets';
}

/** A locator's value; an expression that did not resolve counts as empty. */
export function editedLocatorValue(ctx: ILoadOptionsFunctions, name: string): string {
	try {
		const value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
		return typeof value === 'string' && !value.startsWith('=') ? value.trim() : '';
	} catch {
		return '';
	}
}
