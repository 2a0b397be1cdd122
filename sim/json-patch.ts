/**
 * RFC 6902 JSON Patch over RFC 6901 JSON Pointers. Operations apply in order to a working copy, so
 * later paths see the effect of earlier ones (removing `/a/0` then `/a/1` removes the 1st and 3rd
 * element of the original), and a failing operation leaves the document untouched.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface PatchOperation {
	op: string;
	path: string;
	from?: string;
	value?: unknown;
}

export class JsonPatchError extends Error {
	constructor(
		message: string,
		readonly operationIndex: number,
	) {
		super(message);
		this.name = 'JsonPatchError';
	}
}

const OPERATIONS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Splits a pointer into unescaped reference tokens; '' is the whole document. */
export function parsePointer(pointer: string): string[] {
	if (pointer === '') return [];
	if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON Pointer (it must start with "/")`);
	return pointer
		.slice(1)
		.split('/')
		.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = unknown[] | Record<string, unknown>;

function isContainer(value: unknown): value is Container {
	return typeof value === 'object' && value !== null;
}

function arrayIndex(token: string, length: number, allowEnd: boolean, pointer: string): number {
	if (token === '-' && allowEnd) return length;
	if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new Error(`"${token}" in "${pointer}" is not an array index`);
	const index = Number(token);
	const max = allowEnd ? length : length - 1;
	if (index > max) throw new Error(`index ${index} in "${pointer}" is out of bounds (array length ${length})`);
	return index;
}

/** The value a pointer designates; throws when any step is missing. */
export function getAtPointer(document: unknown, pointer: string): unknown {
	let current = document;
	for (const token of parsePointer(pointer)) {
		if (Array.isArray(current)) {
			current = current[arrayIndex(token, current.length, false, pointer)];
		} else if (isContainer(current) && Object.prototype.hasOwnProperty.call(current, token)) {
			current = (current as Record<string, unknown>)[token];
		} else {
			throw new Error(`path "${pointer}" does not exist`);
		}
	}
	return current;
}

function parentOf(document: unknown, pointer: string): { parent: Container; token: string } {
	const tokens = parsePointer(pointer);
	if (tokens.length === 0) throw new Error('the document root has no parent');
	const token = tokens.pop()!;
	const parentPointer = tokens.length ? '/' + tokens.map(escapeToken).join('/') : '';
	const parent = getAtPointer(document, parentPointer);
	if (!isContainer(parent)) throw new Error(`path "${parentPointer}" is not an object or array`);
	return { parent, token };
}

export function escapeToken(token: string): string {
	return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function clone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		return (
			Array.isArray(a) &&
			Array.isArray(b) &&
			a.length === b.length &&
			a.every((item, index) => deepEqual(item, b[index]))
		);
	}
	if (isContainer(a) && isContainer(b)) {
		const aKeys = Object.keys(a);
		const bRecord = b as Record<string, unknown>;
		return (
			aKeys.length === Object.keys(b).length &&
			aKeys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as Record<string, unknown>)[key], bRecord[key]))
		);
	}
	return false;
}

function add(document: unknown, pointer: string, value: unknown): unknown {
	if (pointer === '') return value;
	const { parent, token } = parentOf(document, pointer);
	if (Array.isArray(parent)) parent.splice(arrayIndex(token, parent.length, true, pointer), 0, value);
	else parent[token] = value;
	return document;
}

function remove(document: unknown, pointer: string): { document: unknown; removed: unknown } {
	if (pointer === '') return { document: null, removed: document };
	const { parent, token } = parentOf(document, pointer);
	if (Array.isArray(parent)) {
		const [removed] = parent.splice(arrayIndex(token, parent.length, false, pointer), 1);
		return { document, removed };
	}
	if (!Object.prototype.hasOwnProperty.call(parent, token)) throw new Error(`path "${pointer}" does not exist`);
	const removed = parent[token];
	delete parent[token];
	return { document, removed };
}

function replace(document: unknown, pointer: string, value: unknown): unknown {
	if (pointer === '') return value;
	const { parent, token } = parentOf(document, pointer);
	if (Array.isArray(parent)) parent[arrayIndex(token, parent.length, false, pointer)] = value;
	else if (Object.prototype.hasOwnProperty.call(parent, token)) parent[token] = value;
	else throw new Error(`path "${pointer}" does not exist`);
	return document;
}

/** Validates the shape of a patch document before anything is applied. */
export function checkPatchDocument(patch: unknown): PatchOperation[] {
	if (!Array.isArray(patch)) throw new JsonPatchError('a JSON Patch must be an array of operations', -1);
	patch.forEach((operation: unknown, index) => {
		const op = operation as Partial<PatchOperation> | null;
		if (!op || typeof op !== 'object' || Array.isArray(op)) {
			throw new JsonPatchError(`operation ${index} is not an object`, index);
		}
		if (typeof op.op !== 'string' || !OPERATIONS.has(op.op)) {
			throw new JsonPatchError(
				`operation ${index} has op ${JSON.stringify(op.op)}; allowed: add, remove, replace, move, copy, test`,
				index,
			);
		}
		if (typeof op.path !== 'string') throw new JsonPatchError(`operation ${index} has no "path" string`, index);
		if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') {
			throw new JsonPatchError(`operation ${index} (${op.op}) has no "from" string`, index);
		}
		if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !('value' in op)) {
			throw new JsonPatchError(`operation ${index} (${op.op}) has no "value"`, index);
		}
	});
	return patch as PatchOperation[];
}

/** Applies `patch` to a copy of `document` and returns the copy. */
export function applyJsonPatch<T>(document: T, patch: unknown): T {
	const operations = checkPatchDocument(patch);
	let working: unknown = clone(document);
	operations.forEach((operation, index) => {
		try {
			switch (operation.op) {
				case 'add':
					working = add(working, operation.path, clone(operation.value));
					break;
				case 'remove':
					working = remove(working, operation.path).document;
					break;
				case 'replace':
					working = replace(working, operation.path, clone(operation.value));
					break;
				case 'move': {
					const from = operation.from!;
					if (operation.path !== from && (operation.path + '/').startsWith(from + '/')) {
						throw new Error(`cannot move "${from}" into its own child "${operation.path}"`);
					}
					const result = remove(working, from);
					working = add(result.document, operation.path, result.removed);
					break;
				}
				case 'copy':
					working = add(working, operation.path, clone(getAtPointer(working, operation.from!)));
					break;
				case 'test':
					if (!deepEqual(getAtPointer(working, operation.path), operation.value)) {
						throw new Error(`test failed: the value at "${operation.path}" differs`);
					}
					break;
			}
		} catch (error) {
			if (error instanceof JsonPatchError) throw error;
			throw new JsonPatchError(
				`operation ${index} (${operation.op} ${operation.path}): ${(error as Error).message}`,
				index,
			);
		}
	});
	return working as T;
}
