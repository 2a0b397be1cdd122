/** File and folder name template macros. */
import { FILE_NAME_TEMPLATE_RULES, FOLDER_NAME_TEMPLATE_RULES, templateProblem } from '../../nodes/AdobeExperiencePlatform/domain/templates';

describe('template macros', () => {
	test('the documented file name templates pass, Adobe\'s default %DESTINATION%_%SEGMENT_ID% first', () => {
		for (const template of [
			'%DESTINATION%_%SEGMENT_ID%',
			'%DESTINATION%_%SEGMENT_ID%_%SEGMENT_NAME%_%DESTINATION_INSTANCE_ID%_%DESTINATION_INSTANCE_NAME%',
			'%DESTINATION%_%SEGMENT_ID%_%ORGANIZATION_NAME%_%SANDBOX_NAME%_%DATETIME(YYYYMMdd_HHmmss)%_custom',
			'%DESTINATION%_%SEGMENT_ID%_%TIMESTAMP%',
			'%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
			'%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%_%TIMESTAMP%_my-export',
			'%DESTINATION_NAME%-%SEGMENT_ID%-%SANDBOX_NAME%-%ORGANIZATION_NAME%',
		]) {
			expect(templateProblem(template, FILE_NAME_TEMPLATE_RULES)).toBeUndefined();
		}
	});

	test.each([
		['%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%', 'lacks the mandatory %DESTINATION% or %DESTINATION_NAME%'],
		['%DESTINATION%_export', 'lacks the mandatory %SEGMENT_ID%'],
		[`%DESTINATION%_%SEGMENT_ID%_${'x'.repeat(256 - '%DESTINATION%_%SEGMENT_ID%_'.length)}`, 'It is 256 characters long; at most 255'],
		['%DESTINATION_NAME%_export', 'lacks the mandatory %SEGMENT_ID%'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT%', 'Unknown macro %SEGMENT%'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME%', '%DATETIME(...)% needs a date format'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(yyyy;MM)%', '%DATETIME(...)% needs a date format'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd)%_%TIMESTAMP%', 'Use only one of %DATETIME% or %TIMESTAMP%'],
		['%DESTINATION_NAME%_%SEGMENT_ID%_50%', 'a % that does not belong to a macro'],
		['%DESTINATION_NAME%/%SEGMENT_ID%', 'Custom text may not contain'],
	])('%s is refused', (template, problem) => {
		expect(templateProblem(template, FILE_NAME_TEMPLATE_RULES)).toContain(problem);
	});

	test('folder templates take the dataset macros and slashes, and no audience macros', () => {
		expect(
			templateProblem('%DESTINATION%/%DATASET_NAME%_%DATASET_ID%/%SANDBOX_NAME%/%EXPORT_TIME%', FOLDER_NAME_TEMPLATE_RULES),
		).toBeUndefined();
		expect(
			templateProblem('%DESTINATION_NAME%_%DATASET_ID%_%DATASET_NAME%_%DATETIME(YYYYMMdd_HHmmss)%', FOLDER_NAME_TEMPLATE_RULES),
		).toBeUndefined();
		expect(templateProblem('%SEGMENT_ID%', FOLDER_NAME_TEMPLATE_RULES)).toContain('Unknown macro %SEGMENT_ID%');
	});

	test('folder templates take every documented dataset macro', () => {
		expect(
			templateProblem(
				'%ORGANIZATION_NAME%/%DESTINATION_INSTANCE_ID%/%DESTINATION_INSTANCE_NAME%/%DATASET_ID%/%EXPORT_TIME%',
				FOLDER_NAME_TEMPLATE_RULES,
			),
		).toBeUndefined();
	});

	test('a 255-character file name template passes, one of 256 does not', () => {
		const head = '%DESTINATION%_%SEGMENT_ID%_';
		expect(templateProblem(head + 'x'.repeat(255 - head.length), FILE_NAME_TEMPLATE_RULES)).toBeUndefined();
		expect(templateProblem(head + 'x'.repeat(256 - head.length), FILE_NAME_TEMPLATE_RULES)).toContain('at most 255');
	});
});
