/**
 * Adobe's connection specs carry descriptions written for Adobe's own UI builder ("Defines auth
 * params required for connecting to amazon-s3", "Select your Delimiter"). Shown to a user they are
 * cleaned: internal ones dropped, imperative openings removed, spacing and capitals fixed.
 */

/** Descriptions that speak about the spec itself, not about what the user gives. */
const INTERNAL = /^defines (auth )?param(eter)?s? required/i;
const OPENING = /^(please )?(select|enter|choose)( the desired| your| the)? /i;

export function cleanDescription(text: string | undefined): string | undefined {
	const trimmed = text?.trim();
	if (!trimmed || INTERNAL.test(trimmed)) return undefined;
	const cleaned = trimmed
		.replace(OPENING, '')
		.replace(/(\w)\(/g, '$1 (')
		.replace(/\bId\b/g, 'ID')
		.replace(/\bADLSGen2\b/g, 'ADLS Gen2')
		.replace(/\.$/, '');
	return cleaned ? cleaned[0].toUpperCase() + cleaned.slice(1) : undefined;
}
