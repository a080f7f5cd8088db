// A fake Kafka broker on loopback for what a real one will not send: it speaks just ApiVersions v0–v2
// and Metadata v12, and advertises whatever brokers (hosts, racks) and topics (names) a test gives
// it — a real broker refuses a topic name outside [a-zA-Z0-9._-] and would not advertise a host with
// an ESC in it. Any other request closes the connection (the client sees a broken connection).
import net from 'node:net';
import {Writer} from '../../source/kafka/codec/primitives.js';

export interface FakeBroker {
	id: number;
	/** advertised host; undefined: this server's own 127.0.0.1 */
	host?: string;
	/** advertised port; undefined: this server's own port */
	port?: number;
	rack: string | null;
}

export interface FakeTopic {
	name: string;
	/** partition i is led by leaders[i], replicas [leader] */
	leaders: number[];
}

export interface FakeKafka {
	port: number;
	/** "127.0.0.1:port" */
	bootstrap: string;
	/** api keys of the requests received, in order */
	requests: number[];
	close(): Promise<void>;
}

const API_VERSIONS = 18;
const METADATA = 3;

function apiVersionsBody(version: number): Buffer {
	const w = new Writer();
	w.int16(0);
	w.array(
		[
			[API_VERSIONS, 0, 2],
			[METADATA, 12, 12],
		],
		(w, [key, min, max]) => w.int16(key!).int16(min!).int16(max!),
	);
	if (version >= 1) w.int32(0); // throttle
	return w.buffer();
}

function metadataBody(brokers: FakeBroker[], topics: FakeTopic[], self: number): Buffer {
	const w = new Writer();
	w.tags(); // response header v1
	w.int32(0); // throttle
	w.compactArray(brokers, (w, b) => w.int32(b.id).compactString(b.host ?? '127.0.0.1').int32(b.port ?? self).compactString(b.rack).tags());
	w.compactString('fake-cluster').int32(brokers[0]?.id ?? -1);
	w.compactArray(topics, (w, t) => {
		w.int16(0).compactString(t.name).uuid(Buffer.alloc(16, 7)).bool(false);
		w.compactArray(t.leaders, (w, leader) => {
			const p = t.leaders.indexOf(leader);
			w.int16(0).int32(p).int32(leader).int32(0);
			w.compactArray([leader], (w, r) => w.int32(r));
			w.compactArray([leader], (w, r) => w.int32(r));
			w.compactArray([], (w, r: number) => w.int32(r));
			w.tags();
		});
		w.int32(0).tags();
	});
	w.tags();
	return w.buffer();
}

/** Listen on 127.0.0.1 (a free port); every connection gets the same answers. */
export async function startFakeKafka(options: {brokers: FakeBroker[]; topics: FakeTopic[]}): Promise<FakeKafka> {
	const requests: number[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => {});
		let pending = Buffer.alloc(0);
		socket.on('data', (chunk: Buffer) => {
			pending = Buffer.concat([pending, chunk]);
			// a request over 1 MiB is not one this peer answers
			if (pending.length > 1 << 20) return socket.destroy();
			while (pending.length >= 4) {
				const size = pending.readInt32BE(0);
				if (size < 8 || size > 1 << 20) return socket.destroy();
				if (pending.length < 4 + size) return;
				const frame = pending.subarray(4, 4 + size);
				pending = pending.subarray(4 + size);
				const apiKey = frame.readInt16BE(0);
				const version = frame.readInt16BE(2);
				const correlationId = frame.readInt32BE(4);
				requests.push(apiKey);
				let body: Buffer;
				if (apiKey === API_VERSIONS) body = apiVersionsBody(version);
				else if (apiKey === METADATA && version === 12) body = metadataBody(options.brokers, options.topics, port);
				else return socket.destroy();
				const head = Buffer.alloc(8);
				head.writeInt32BE(4 + body.length, 0);
				head.writeInt32BE(correlationId, 4);
				socket.write(Buffer.concat([head, body]));
			}
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as net.AddressInfo).port;
	return {
		port,
		bootstrap: `127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}
