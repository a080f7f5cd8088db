// The limits under every Kafka connection: a frame guard that follows length-prefixed frames across
// arbitrary chunking and refuses the first oversized one, and a connect deadline that destroys the
// sockets instead of waiting for kafkajs's graceful close.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {connectWithin, FrameGuard} from '../../source/kafka/connection-guard.js';

function frame(size: number, fill = 0): Buffer {
	const b = Buffer.alloc(4 + size, fill);
	b.writeInt32BE(size, 0);
	return b;
}

test('frames within the limit pass however they are chunked, header bytes split included', () => {
	const stream = Buffer.concat([frame(10), frame(0), frame(1000, 7), frame(3)]);
	for (const step of [1, 2, 3, 5, 7, 64, stream.length]) {
		const guard = new FrameGuard('h:1', 1000);
		for (let i = 0; i < stream.length; i += step) assert.equal(guard.feed(stream.subarray(i, i + step)), null, `step ${step}`);
	}
});

test('the first frame over the limit is refused, naming the broker and the sizes; body bytes are never read as a header', () => {
	const guard = new FrameGuard('10.0.0.9:9092', 1000);
	// a body of 0xff bytes: read as a header it would look like a negative size
	assert.equal(guard.feed(frame(1000, 0xff)), null);
	assert.equal(guard.feed(frame(1001).subarray(0, 6)), 'broker 10.0.0.9:9092 announced a 1001-byte response; kcon accepts at most 1000 bytes');
	const negative = Buffer.alloc(4);
	negative.writeInt32BE(-5, 0);
	assert.match(new FrameGuard('h:1').feed(negative) ?? '', /announced a negative response/);
});

test('connectWithin: an answer in time connects; past the deadline the sockets are destroyed and the error names the broker', async () => {
	const destroyed: string[] = [];
	const fake = (answerAfterMs: number) => ({
		connect: () => new Promise<void>((resolve) => setTimeout(resolve, answerAfterMs)),
		disconnect: async () => {},
		connectionPool: {
			isConnected: () => true,
			pool: [{socket: {destroy: (e?: Error) => void destroyed.push(e?.message ?? '')}}, {socket: null}],
		},
	});
	await connectWithin(fake(10), 'b:1', 200);
	assert.deepEqual(destroyed, []);
	await assert.rejects(connectWithin(fake(5000), '127.0.0.1:9', 50), {
		name: 'ConnectTimeoutError',
		message: 'broker 127.0.0.1:9 accepted the connection but did not answer ApiVersions/SASL within 0.05 s',
	});
	assert.equal(destroyed.length, 1);
});
