/** JSON Schema of connection specs → n8n fields, conditional evaluation and validation. */
export * from './authParams';
export * from './conditional';
export * from './errors';
export * from './fields';
export * from './types';
export * from './validate';
