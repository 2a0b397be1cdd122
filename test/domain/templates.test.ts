/** File and folder name template macros. */
import { FILE_NAME_TEMPLATE_RULES, FOLDER_NAME_TEMPLATE_RULES, templateProblem } from '../../nodes/AdobeExperiencePlatform/domain/templates';

describe('template macros', () => {
	test('the documented file name templates pass', () => {
		for (const template of [
			'%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%',
			'%DESTINATION_NAME%_%SEGMENT_ID%_%SEGMENT_NAME%_%TIMESTAMP%_my-export',
			'%DESTINATION_NAME%-%SEGMENT_ID%-%SANDBOX_NAME%-%ORGANIZATION_NAME%',
		]) {
			expect(templateProblem(template, FILE_NAME_TEMPLATE_RULES)).toBeUndefined();
		}
	});

	test.each([
		['%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%', 'lacks the mandatory %DESTINATION_NAME%'],
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
});
