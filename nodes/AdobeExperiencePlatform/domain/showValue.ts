/** Shows a value the way a user typed it, short enough for an error message. */
export function showValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === '') return 'an empty value';
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
