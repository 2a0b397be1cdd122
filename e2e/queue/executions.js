'use strict';
/**
 * Starting executions through main's API and reading them back: production webhook calls (each one
 * queued by main for a worker), the execution list of a workflow, one execution with its data.
 */
const path = require('path');

const { httpRequest, paths, sleep } = require('../lib/n8n');

function flatted() {
	return require(path.join(paths().n8nDir, 'node_modules', 'flatted'));
}

/** Publishes (activates) a workflow through main's API. */
async function activate(n8n, id) {
	const wf = await n8n.restData('GET', `/rest/workflows/${id}`);
	return await n8n.restData('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
}

function countBy(values) {
	const out = {};
	for (const v of values) out[v] = (out[v] || 0) + 1;
	return out;
}

/**
 * `count` POSTs to /webhook/<path> released together (as close together as the HTTP client allows).
 * @returns {Promise<{statuses: number[], ms: number}>}
 */
async function burst(n8n, webhookPath, count, body = {}) {
	const t0 = Date.now();
	const answers = await Promise.all(
		Array.from({ length: count }, (_, i) =>
			httpRequest('POST', `${n8n.baseUrl}/webhook/${webhookPath}`, { body: { ...body, call: i }, timeoutMs: 60_000 }).then(
				(r) => r.status,
				(e) => `error: ${e.message}`,
			),
		),
	);
	return { statuses: answers, ms: Date.now() - t0 };
}

/**
 * Waits until main serves a production webhook (activation registers it asynchronously in queue mode).
 * Probes with a CORS preflight, which looks the path up without starting an execution: 204 once
 * registered, 404 before.
 */
async function waitForWebhook(n8n, webhookPath, { timeoutMs = 60_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const r = await httpRequest('OPTIONS', `${n8n.baseUrl}/webhook/${webhookPath}`, {
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
		});
		if (r.status === 204) return;
		if (Date.now() > deadline) throw new Error(`webhook ${webhookPath} not served after ${timeoutMs} ms: ${r.status} ${r.text.slice(0, 300)}`);
		await sleep(250);
	}
}

const UNFINISHED = new Set(['new', 'running', 'waiting', 'queued', 'unknown']);

/** Summaries (id, status, mode, startedAt, stoppedAt, …) of a workflow's executions, newest first. */
async function listExecutions(n8n, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const all = new Map();
	// n8n pages by 100 at most, newest first, and hands out a cursor for the next page (bounded: 20 pages)
	let cursor = null;
	for (let page = 0; page < 20; page++) {
		const next = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
		const data = await n8n.restData('GET', `/rest/executions?filter=${filter}&limit=100${next}`);
		for (const e of data.results) all.set(String(e.id), e);
		cursor = data.nextCursor;
		if (!cursor) return [...all.values()];
	}
	throw new Error(`more than 2000 executions of ${workflowId}`);
}

/** Waits until `count` executions of the workflow exist and all have finished; returns their summaries. */
async function waitForExecutions(n8n, workflowId, count, { timeoutMs = 300_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = [];
	for (;;) {
		last = await listExecutions(n8n, workflowId);
		const done = last.filter((e) => !UNFINISHED.has(e.status) && e.stoppedAt);
		if (last.length >= count && done.length === last.length) return last;
		if (Date.now() > deadline) {
			const byStatus = {};
			for (const e of last) byStatus[e.status] = (byStatus[e.status] || 0) + 1;
			throw new Error(`${workflowId}: ${last.length} of ${count} executions, ${done.length} finished after ${timeoutMs} ms: ${JSON.stringify(byStatus)}`);
		}
		await sleep(1000);
	}
}

/** One execution with its run data parsed (IRun-like `data`), and the raw answer's text. */
async function getExecution(n8n, id) {
	const r = await n8n.rest('GET', `/rest/executions/${id}`);
	if (r.status !== 200 || !r.json || !r.json.data) throw new Error(`GET /rest/executions/${id} -> ${r.status} ${r.text.slice(0, 500)}`);
	const execution = r.json.data;
	const data = typeof execution.data === 'string' ? flatted().parse(execution.data) : execution.data;
	return { ...execution, data, raw: r.text };
}

/** Reads many executions, a few at a time. */
async function getExecutions(n8n, ids, parallel = 8) {
	const out = new Array(ids.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(parallel, ids.length) }, async () => {
			while (next < ids.length) {
				const i = next++;
				out[i] = await getExecution(n8n, ids[i]);
			}
		}),
	);
	return out;
}

/** The error an execution ended with: { node, message, description } or null. */
function executionError(execution) {
	const result = execution.data && execution.data.resultData;
	const error = result && result.error;
	if (!error) return null;
	return {
		node: (error.node && error.node.name) || result.lastNodeExecuted || null,
		message: error.message || '',
		description: error.description || '',
	};
}

/** Items a node output in an execution (first run, first output), or [] when it did not run. */
function nodeItems(execution, nodeName) {
	const runData = execution.data && execution.data.resultData && execution.data.resultData.runData;
	const task = runData && runData[nodeName] && runData[nodeName][0];
	if (!task || !task.data || !task.data.main || !task.data.main[0]) return [];
	return task.data.main[0].map((item) => item.json);
}

module.exports = { activate, countBy, waitForWebhook, burst, executionError, getExecution, getExecutions, listExecutions, nodeItems, waitForExecutions };
