/** The part of n8n's verification scanner (`@n8n/scan-community-package`, plain ESM) that scripts/scan-package.ts uses. */
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export interface AnalysisResult {
		passed: boolean;
		message?: string;
		details?: string;
	}
	/** The files n8n's verification lints in the package's attested source checkout. */
	export const SOURCE_FILE_PATTERNS: string[];
	/** Lints `filePatterns` (default: every .js, .ts and .json file) under `packageDir` with n8n's scan rules. */
	export function analyzePackage(packageDir: string, filePatterns?: string[]): Promise<AnalysisResult>;
}
