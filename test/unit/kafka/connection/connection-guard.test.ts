// The limits under every Kafka connection: a frame guard that follows length-prefixed frames across
// arbitrary chunking and refuses the first oversized one, and a deadline on handshake requests that
// destroys the socket (never on requests that may wait, such as a long-polling Fetch).
import assert from 'node:assert/strict';
import net from 'node:net';
import {test, type TestContext} from 'node:test';
import {FrameGuard, guardedSocketFactory} from '../../../../source/kafka/connection/connection-guard.js';

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

/** A loopback peer that reads and never answers, and a guarded socket connected to it. */
async function silentPeer(t: TestContext, handshakeMs: number) {
	const server = net.createServer((c) => c.on('error', () => {}));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	const socket = await new Promise<net.Socket>((resolve) => {
		const s = guardedSocketFactory({limit: 1000, handshakeMs, readOnly: false})({host: '127.0.0.1', port, onConnect: () => resolve(s)});
	});
	t.after(() => {
		socket.destroy();
		server.close();
	});
	const closed = new Promise<string>((resolve) => {
		socket.on('error', (e) => resolve(e.message));
		socket.on('close', () => resolve('closed without error'));
	});
	return {socket, closed};
}

function request(apiKey: number): Buffer {
	const b = Buffer.alloc(12);
	b.writeInt32BE(8, 0);
	b.writeInt16BE(apiKey, 4);
	return b;
}

test('an unanswered ApiVersions destroys the socket at the deadline, naming the broker and the request', async (t) => {
	const {socket, closed} = await silentPeer(t, 100);
	socket.write(request(18));
	assert.match(await closed, /^broker 127\.0\.0\.1:\d+ accepted the connection but did not answer ApiVersions within 0\.1 s$/);
});

test('other requests may wait (a Fetch long-polls): no deadline applies to them', async (t) => {
	const {socket, closed} = await silentPeer(t, 100);
	socket.write(request(1));
	const outcome = await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open'), 400))]);
	assert.equal(outcome, 'still open');
	assert.equal(socket.destroyed, false);
});

test('a read-only socket never writes a request outside the read APIs, whatever client holds it', async (t) => {
	const received: Buffer[] = [];
	const server = net.createServer((c) => {
		c.on('data', (d) => received.push(d));
		c.on('error', () => {});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	t.after(() => server.close());
	const {port} = server.address() as net.AddressInfo;
	const open = () =>
		new Promise<net.Socket>((resolve) => {
			const s = guardedSocketFactory({readOnly: true})({host: '127.0.0.1', port, onConnect: () => resolve(s)});
		});
	const reader = await open();
	reader.write(request(3)); // Metadata
	const writer = await open();
	const refused = new Promise<string>((resolve) => writer.on('error', (e) => resolve(e.message)));
	assert.equal(writer.write(request(43)), false); // ElectLeaders
	assert.match(await refused, /^read-only mode: a request with API key 43 changes the cluster; not sent to 127\.0\.0\.1:\d+$/);
	await new Promise((r) => setTimeout(r, 100));
	reader.destroy();
	const bytes = Buffer.concat(received);
	assert.equal(bytes.length, 12, 'only the Metadata request arrived');
	assert.equal(bytes.readInt16BE(4), 3);
});
