// Peers no real broker would be: one that accepts and never answers, one that announces a 2 GB
// response. Every kcon command that connects ends with one line naming the broker and what it did
// not do, within the connect deadline, and never buffers what the peer claims. No lab needed.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {misbehavingPeer} from '../helpers/misbehaving-peer.js';
import {runKcon} from '../helpers/lab.js';

const SILENT = /broker 127\.0\.0\.1:\d+ accepted the connection but did not answer ApiVersions within 6 s/

test('a peer that accepts and never answers: describe, reassign list, elect and tail end with the broker and what timed out', async () => {
	const peer = await misbehavingPeer('silent');
	try {
		for (const args of [['describe'], ['describe', 'groups', '-o', 'json'], ['reassign', 'list'], ['elect', '--all'], ['tail', 't'], ['tail', 't', '--group', 'g']]) {
			const started = Date.now();
			const r = await runKcon(args, {env: {KCON_BROKERS: peer.address}, timeoutMs: 60_000});
			const took = Date.now() - started;
			assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
			assert.match(r.stdout + r.stderr, SILENT, args.join(' '));
			// the deadline is 6 s per handshake, kafkajs's request timeouts (10 s, 30 s, 35 s) no longer
			// apply; the tails try a restarting broker three times in all
			assert.ok(took < (args[0] === 'tail' ? 30_000 : 20_000), `${args.join(' ')} took ${took} ms`);
		}
	} finally {
		await peer.close();
	}
});

test('a peer that announces a 2 GB response: the connection ends at the frame header, nothing is buffered', async () => {
	const peer = await misbehavingPeer('huge');
	try {
		const r = await runKcon(['describe', '-o', 'json'], {env: {KCON_BROKERS: peer.address}, timeoutMs: 60_000});
		assert.equal(r.code, 1, r.stdout + r.stderr);
		const error = JSON.parse(r.stdout).error;
		assert.match(error.message, /broker 127\.0\.0\.1:\d+ announced a 2147483647-byte response; kcon accepts at most 67108864 bytes/);
		// kcon hung up at once: the peer could not push more than a few socket buffers (it would stream 512 MB)
		assert.ok(peer.written() < 64 * 1024 * 1024, `the peer wrote ${peer.written()} bytes before kcon hung up`);
	} finally {
		await peer.close();
	}
});
