/**
 * Macro checks for the two name templates Flow Service accepts: audience file names
 * (`filenameTemplate`) and dataset export folders (`scheduleParams.folderNameTemplate`).
 * Sources: Adobe's "Activate audiences to file-based destinations by using the Flow Service API" and
 * "Export datasets by using the Flow Service API" tutorials, and destinations.openapi.yaml
 * (BatchSegmentSelector*, DatasetScheduleParams_V2).
 */

export interface TemplateRules {
	/** What the template names, for messages ("file name template"). */
	label: string;
	/** Macro names allowed besides DATETIME(...), without the percent signs. */
	macros: readonly string[];
	/** Each group: the template must contain at least one of its macros (spellings of one thing). */
	mandatory: ReadonlyArray<readonly string[]>;
	/** Longest template accepted, in characters (Adobe's limit on the names it makes). */
	maxLength?: number;
	/** Groups of macros of which at most one may be used (time stamps). */
	exclusive: ReadonlyArray<readonly string[]>;
	/** Characters custom text may not contain. */
	forbiddenText: RegExp;
	forbiddenTextLabel: string;
}

export const FILE_NAME_TEMPLATE_RULES: TemplateRules = {
	label: 'file name template',
	macros: [
		'DESTINATION_NAME',
		'SEGMENT_ID',
		'SEGMENT_NAME',
		'DESTINATION',
		'DESTINATION_INSTANCE_ID',
		'DESTINATION_INSTANCE_NAME',
		'ORGANIZATION_NAME',
		'SANDBOX_NAME',
		'TIMESTAMP',
	],
	// Current cloud-storage destinations write %DESTINATION%, legacy ones %DESTINATION_NAME%: either
	// names the destination. Adobe's default is %DESTINATION%_%SEGMENT_ID%.
	mandatory: [['DESTINATION', 'DESTINATION_NAME'], ['SEGMENT_ID']],
	maxLength: 255,
	exclusive: [['DATETIME', 'TIMESTAMP']],
	forbiddenText: /[/\\:*?"<>|]/,
	forbiddenTextLabel: '/ \\ : * ? " < > |',
};

export const FOLDER_NAME_TEMPLATE_RULES: TemplateRules = {
	label: 'folder name template',
	// DESTINATION_NAME is not in the spec's list but is in its own example, so it is accepted.
	macros: [
		'DESTINATION',
		'DESTINATION_NAME',
		'DATASET_NAME',
		'DATASET_ID',
		'DESTINATION_INSTANCE_ID',
		'DESTINATION_INSTANCE_NAME',
		'SANDBOX_NAME',
		'ORGANIZATION_NAME',
		'EXPORT_TIME',
	],
	mandatory: [],
	exclusive: [['DATETIME', 'EXPORT_TIME']],
	forbiddenText: /[\\:*?"<>|]/,
	forbiddenTextLabel: '\\ : * ? " < > |',
};

const MACRO = /%([A-Za-z_]*)(\(([^%()]*)\))?%/g;
/** Letters of Java date patterns plus separators, as in %DATETIME(YYYYMMdd_HHmmss)%. */
const DATETIME_FORMAT = /^[yYMLdDHhkKmsSEaFwWuzZX_.\-]+$/;

function describeGroup(group: readonly string[]): string {
	return group.map((m) => `%${m}%`).join(' or ');
}

/** What the rules allow, for error messages. */
export function describeTemplateRules(rules: TemplateRules): string {
	const mandatory = rules.mandatory.length
		? `Must contain ${rules.mandatory.map(describeGroup).join(' and ')}. `
		: '';
	const length = rules.maxLength ? `At most ${rules.maxLength} characters. ` : '';
	const macros = [...rules.macros.map((m) => `%${m}%`), '%DATETIME(<format>)%, e.g. %DATETIME(YYYYMMdd_HHmmss)%'];
	return `${mandatory}${length}Allowed macros: ${macros.join(', ')}; any other text is kept as it is.`;
}

/** The first problem with `template`, or undefined when Flow Service will accept it. */
export function templateProblem(template: string, rules: TemplateRules): string | undefined {
	if (template.trim() === '') return `The ${rules.label} is empty.`;
	if (rules.maxLength && template.length > rules.maxLength) {
		return `It is ${template.length} characters long; at most ${rules.maxLength} are allowed.`;
	}
	const used = new Set<string>();
	let text = '';
	let last = 0;
	for (const match of template.matchAll(MACRO)) {
		text += template.slice(last, match.index);
		last = (match.index ?? 0) + match[0].length;
		const name = match[1];
		if (name === 'DATETIME') {
			const format = match[3];
			if (format === undefined || !DATETIME_FORMAT.test(format)) {
				return `%DATETIME(...)% needs a date format such as YYYYMMdd_HHmmss, not "${match[0]}".`;
			}
		} else if (match[2] !== undefined || !rules.macros.includes(name)) {
			return `Unknown macro ${match[0]}.`;
		}
		used.add(name);
	}
	text += template.slice(last);
	if (text.includes('%')) return 'It has a % that does not belong to a macro (macros look like %SEGMENT_ID%).';
	if (rules.forbiddenText.test(text)) {
		return `Custom text may not contain any of ${rules.forbiddenTextLabel}.`;
	}
	const missing = rules.mandatory.filter((group) => !group.some((m) => used.has(m)));
	if (missing.length) return `It lacks the mandatory ${missing.map(describeGroup).join(' and ')}.`;
	for (const group of rules.exclusive) {
		const both = group.filter((m) => used.has(m));
		if (both.length > 1) return `Use only one of ${both.map((m) => `%${m}%`).join(' or ')}.`;
	}
	return undefined;
}
