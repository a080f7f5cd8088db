// kafkajs's request queue with kcon's timer correction: no timer for an empty queue (kafkajs armed one
// with minus the epoch time, a 1 ms spin and a TimeoutNegativeWarning on Node ≥ 23), and a request
// held by the client-side throttle still goes out when the throttle ends.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {
	CHECK_PENDING_REQUESTS_INTERVAL_MS,
	PatchedRequestQueue,
	pendingCheckDelay,
} from '../../../../source/kafka/kafkajs/request-queue-timer.js';
import {startFakeKafka} from '../../../helpers/fake-kafka.js';
import {NODE_WARNING} from '../../../helpers/lab.js';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../source/cli.js');

test('pendingCheckDelay: nothing pending arms nothing; a throttle waits its rest; else kafkajs’s 10 ms', () => {
	const now = 1_796_157_521_689;
	assert.equal(pendingCheckDelay(0, -1, now), undefined);
	assert.equal(pendingCheckDelay(0, now + 500, now), undefined);
	assert.equal(pendingCheckDelay(2, -1, now), CHECK_PENDING_REQUESTS_INTERVAL_MS);
	assert.equal(pendingCheckDelay(1, now + 250, now), 250);
	assert.equal(pendingCheckDelay(1, now - 5, now), CHECK_PENDING_REQUESTS_INTERVAL_MS);
});

type Queue = {
	throttleCheckTimeoutId: unknown;
	push(request: unknown): void;
	fulfillRequest(response: {correlationId: number; payload: Buffer | null; size: number}): void;
	maybeThrottle(ms: number | null): void;
	destroy(): void;
};
const silent = {debug() {}, info() {}, warn() {}, error() {}};

function queue(): Queue {
	const Ctor = PatchedRequestQueue as unknown as new (options: Record<string, unknown>) => Queue;
	return new Ctor({
		instrumentationEmitter: null,
		maxInFlightRequests: null,
		requestTimeout: 30_000,
		enforceRequestTimeout: false,
		clientId: 'test',
		broker: 'b:1',
		logger: silent,
		isConnected: () => true,
	});
}

function pushed(correlationId: number, sent: number[]) {
	return {entry: {correlationId, apiKey: 3, apiName: 'Metadata', apiVersion: 0, resolve: () => {}, reject: () => {}}, expectResponse: true, sendRequest: () => sent.push(correlationId)};
}

test('a fulfilled request on an idle queue leaves no timer armed', () => {
	const q = queue();
	const sent: number[] = [];
	q.push(pushed(1, sent));
	assert.deepEqual(sent, [1]);
	try {
		q.fulfillRequest({correlationId: 1, payload: null, size: 0});
		assert.equal(q.throttleCheckTimeoutId, null, 'kafkajs armed a timer of -Date.now() ms here');
	} finally {
		q.destroy();
	}
});

test('a request held by the client-side throttle is sent once the throttle is over', async () => {
	const q = queue();
	const sent: number[] = [];
	q.push(pushed(1, sent));
	q.maybeThrottle(80);
	const throttledAt = Date.now();
	q.push(pushed(2, sent));
	assert.deepEqual(sent, [1], 'held while throttled');
	assert.notEqual(q.throttleCheckTimeoutId, null, 'a check is armed for the end of the throttle');
	while (sent.length < 2 && Date.now() - throttledAt < 2000) await new Promise((r) => setTimeout(r, 5));
	assert.deepEqual(sent, [1, 2]);
	assert.ok(Date.now() - throttledAt >= 75, 'not before the throttle ended');
	q.destroy();
});

const peer = await startFakeKafka({brokers: [{id: 1, rack: null}], topics: [{name: 'orders', leaders: [1]}]});
after(() => peer.close());

test('kcon describe brokers against a broker writes no Node runtime warning', async () => {
	const child = spawn(process.execPath, [cli, 'describe', 'brokers', '-b', peer.bootstrap], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const code = await new Promise((resolve) => child.on('close', resolve));
	assert.equal(code, 0, stderr);
	assert.match(stdout, /^1\s+127\.0\.0\.1:/m);
	assert.doesNotMatch(stderr, NODE_WARNING);
});
