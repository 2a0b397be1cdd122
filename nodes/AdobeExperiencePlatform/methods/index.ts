/** Every method the node's parameters call, one file per kind (as n8n's Airtable v2 node keeps them). */
export * as credentialTest from './credentialTest';
export * as listSearch from './listSearch';
export * as loadOptions from './loadOptions';
export * as resourceMapping from './resourceMapping';
