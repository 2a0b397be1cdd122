/** RFC 6902 semantics of the simulation's JSON Patch (the HTTP side is in flowUpdates.test.ts). */
import { JsonPatchError, applyJsonPatch, getAtPointer } from '../../sim/json-patch';

const selectors = (...ids: string[]) => ({ params: { selectors: ids.map((id) => ({ id })) } });

describe('applyJsonPatch', () => {
	it('applies operations in order: removing /0 then /1 removes the 1st and the 3rd (seed 002 trap)', () => {
		const result = applyJsonPatch(selectors('A', 'B', 'C'), [
			{ op: 'remove', path: '/params/selectors/0' },
			{ op: 'remove', path: '/params/selectors/1' },
		]);
		expect(result).toEqual(selectors('B'));
	});

	it('adds with "-" at the end and with an index before that element', () => {
		const result = applyJsonPatch(selectors('A', 'C'), [
			{ op: 'add', path: '/params/selectors/-', value: { id: 'D' } },
			{ op: 'add', path: '/params/selectors/1', value: { id: 'B' } },
		]);
		expect(result).toEqual(selectors('A', 'B', 'C', 'D'));
	});

	it('adds a member, replaces an existing one, and refuses to replace a missing one', () => {
		const document = { a: 1 };
		expect(applyJsonPatch(document, [{ op: 'add', path: '/b', value: [1] }])).toEqual({ a: 1, b: [1] });
		expect(applyJsonPatch(document, [{ op: 'replace', path: '/a', value: 2 }])).toEqual({ a: 2 });
		expect(() => applyJsonPatch(document, [{ op: 'replace', path: '/missing', value: 2 }])).toThrow(
			'operation 0 (replace /missing): path "/missing" does not exist',
		);
	});

	it('moves and copies, and refuses to move a value into its own child', () => {
		const document = { from: { x: 1 }, to: {} };
		expect(applyJsonPatch(document, [{ op: 'move', from: '/from/x', path: '/to/x' }])).toEqual({ from: {}, to: { x: 1 } });
		expect(applyJsonPatch(document, [{ op: 'copy', from: '/from', path: '/to/copy' }])).toEqual({
			from: { x: 1 },
			to: { copy: { x: 1 } },
		});
		expect(() => applyJsonPatch(document, [{ op: 'move', from: '/from', path: '/from/inner' }])).toThrow('its own child');
	});

	it('tests deep equality and stops the patch on a failed test', () => {
		const document = { list: [{ a: 1, b: [true] }] };
		expect(applyJsonPatch(document, [{ op: 'test', path: '/list/0', value: { b: [true], a: 1 } }])).toEqual(document);
		expect(() =>
			applyJsonPatch(document, [
				{ op: 'add', path: '/x', value: 1 },
				{ op: 'test', path: '/list/0/a', value: 2 },
			]),
		).toThrow(JsonPatchError);
	});

	it('is atomic and never changes the document it is given', () => {
		const document = { list: [1, 2] };
		expect(() =>
			applyJsonPatch(document, [
				{ op: 'remove', path: '/list/0' },
				{ op: 'remove', path: '/list/5' },
			]),
		).toThrow('operation 1 (remove /list/5): index 5 in "/list/5" is out of bounds (array length 1)');
		expect(document).toEqual({ list: [1, 2] });
	});

	it('unescapes ~1 and ~0 in pointers', () => {
		const document = { 'a/b': { 'c~d': 1 } };
		expect(getAtPointer(document, '/a~1b/c~0d')).toBe(1);
		expect(applyJsonPatch(document, [{ op: 'remove', path: '/a~1b/c~0d' }])).toEqual({ 'a/b': {} });
	});

	it('rejects malformed patches before applying anything', () => {
		expect(() => applyJsonPatch({}, { op: 'add' })).toThrow('a JSON Patch must be an array of operations');
		expect(() => applyJsonPatch({}, [{ op: 'ADD', path: '/a', value: 1 }])).toThrow(
			'operation 0 has op "ADD"; allowed: add, remove, replace, move, copy, test',
		);
		expect(() => applyJsonPatch({}, [{ op: 'add', path: '/a' }])).toThrow('operation 0 (add) has no "value"');
		expect(() => applyJsonPatch({}, [{ op: 'copy', path: '/a' }])).toThrow('operation 0 (copy) has no "from" string');
		expect(() => applyJsonPatch({ a: [] }, [{ op: 'add', path: '/a/01', value: 1 }])).toThrow('"01" in "/a/01" is not an array index');
		expect(() => applyJsonPatch({}, [{ op: 'add', path: 'a', value: 1 }])).toThrow('is not a JSON Pointer');
	});

	it('replaces the whole document with an empty path', () => {
		expect(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
	});
});
