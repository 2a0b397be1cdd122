/**
 * Adobe's connection specs guard names with regular expressions. A low-code user reads words and
 * an example instead; the expression itself goes in the error's details only.
 */

/** The patterns of Adobe's published connection specs (targetSpec and authSpec), in words. */
const KNOWN_PATTERNS: Record<string, string> = {
	// Amazon S3 bucketName
	'(?=^.{3,63}$)(?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$)':
		'3-63 characters: lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, and not an IP address, e.g. my-exports',
	// Google Cloud Storage bucketName
	'(?!^goog.*$)(?!^.*g(o|0)(o|0)gle.*$)(((?=^.{3,63}$)(^([a-z0-9]|[a-z0-9][a-z0-9\\-_]*)[a-z0-9]$))|((?=^.{3,222}$)(?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]{1,63}|[a-z0-9][a-z0-9\\-_]{1,61}[a-z0-9])\\.)*([a-z0-9]{1,63}|[a-z0-9][a-z0-9\\-_]{1,61}[a-z0-9])$)))':
		'3-63 characters (up to 222 with dots): lower-case letters, digits, hyphens, underscores and dots, starting and ending with a letter or digit; not beginning with "goog" nor containing "google", e.g. my-exports',
	// Azure Blob Storage container
	'^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$':
		'3-63 characters: lower-case letters, digits and single hyphens, starting and ending with a letter or digit, e.g. aep-exports',
	// Folder paths of Amazon S3 and Google Cloud Storage
	"^[0-9a-zA-Z/\\!\\-_\\.\\*\\''\\(\\)]*((\\%SEGMENT_(NAME|ID)\\%)?/?)+$":
		"letters, digits, slashes and ! - _ . * ' ( ), optionally with %SEGMENT_NAME% or %SEGMENT_ID% as folder names, e.g. exports/aep",
	// Folder path of Azure Blob Storage
	"^[0-9a-zA-Z/\\!\\-_\\.\\*\\'\\(\\)]+$":
		"one or more letters, digits, slashes and ! - _ . * ' ( ), e.g. exports/aep",
	// Amazon S3 access key ID
	'^[A-Z2-7]{20}$': '20 characters: upper-case letters A-Z and digits 2-7 (AWS access key IDs begin with AKIA)',
	// Amazon S3 secret access key
	'^[A-Za-z0-9/+]{40}$': '40 characters: letters, digits, / and +',
};

/** What a pattern allows, in words with an example; for patterns Adobe has not published, a pointer to the details. */
export function describePattern(pattern: string): string {
	return KNOWN_PATTERNS[pattern] ?? 'text in the form the destination requires (its pattern is in the details)';
}
