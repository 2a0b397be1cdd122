'use strict';
/**
 * pipeline.e2e.js's sandbox, credentials (README names), workflow ids and the examples made runnable
 * for it (split out of e2e/pipeline.e2e.js), and its polling helpers.
 */
const assert = require('assert');

const { PACKAGE_NAME, isOperation, randomKey, withSlackStandIn } = require('../lib/aep');

const SANDBOX = 'e2e-pipeline';
/** Named as the README tells users to name them: the examples' credential slots are filled from these on import. */
const AEP_CREDENTIAL = { id: 'aepSimCredential', name: 'Adobe Experience Platform (AEP) API account' };
const S3_CREDENTIAL = { id: 'aepS3Credential1', name: 'Amazon S3 Access Key for Adobe Experience Platform (AEP) API account' };
const S3_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: randomKey(40) };
const IDS = {
	pipeline: 'aepE2ePipeline01',
	alert: 'aepE2eAlert00001',
	digest: 'aepE2eDigest0001',
	testPipeline: 'aepE2eTestPipe01',
	keepAlive: 'aepE2eKeepAlive1',
	liveAlert: 'aepE2eLiveAlert1',
};

/** examples/test-new-pipeline.json with Slack replaced by a POST, and Export Now checking every second. */
function runnableTestPipeline(receiverUrl) {
	const { workflow } = withSlackStandIn('test-new-pipeline.json', receiverUrl);
	for (const node of workflow.nodes) {
		if (isOperation(node, 'dataflow', 'exportNow')) node.parameters.options = { ...node.parameters.options, pollIntervalSeconds: 1, timeoutSeconds: 120 };
	}
	return workflow;
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `probe` every second until it returns something truthy (returned), or throws naming `what` after `timeoutMs`.
 * @template T
 * @param {() => T | Promise<T>} probe
 * @param {string} what
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
async function waitFor(probe, what, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
		await sleep(1000);
	}
}

/**
 * examples/aep-failed-or-delayed-run-slack.json with Slack replaced by a POST, polling every
 * minute: the shortest n8n allows (it refuses a poll time whose seconds field is not one number).
 */
function runnableLiveAlert(receiverUrl) {
	const { workflow } = withSlackStandIn('aep-failed-or-delayed-run-slack.json', receiverUrl);
	const trigger = workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.adobeExperiencePlatformTrigger`);
	assert.ok(trigger, 'the example has no trigger');
	trigger.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	return workflow;
}

module.exports = { AEP_CREDENTIAL, IDS, S3_CREDENTIAL, S3_KEYS, SANDBOX, runnableLiveAlert, runnableTestPipeline, sleep, waitFor };
