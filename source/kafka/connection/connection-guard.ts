// Limits a broker cannot stretch, applied under every Kafka connection kcon opens (the gateway, the
// actions and the tail all get their sockets from guardedSocketFactory):
//   - a response frame larger than MAX_RESPONSE_BYTES ends the connection before any of it is
//     buffered: kafkajs keeps every chunk of a frame until the size its first four bytes announce
//     has arrived, so a peer that announces 2 GB and trickles bytes would make it allocate that much;
//   - a handshake request (ApiVersions, SASL) must be answered within HANDSHAKE_DEADLINE_MS, so a
//     peer that accepts and never answers costs that long, not kafkajs's request timeout, and the
//     error says which broker and what it did not answer. The socket is destroyed, not ended:
//     kafkajs's own disconnect waits for the requests in flight to time out first;
//   - a socket made read-only never sends a request outside write-guard's READ_APIS: the backstop
//     under the guards of each write path, so that a client nobody thought of cannot write either.
import net from 'node:net';
import tls from 'node:tls';
import {READ_APIS} from './write-guard.js';
// every kafkajs connection kcon opens gets its socket from here, so this is where kafkajs's
// request-queue timer is corrected before the first connection exists
import '../kafkajs/request-queue-timer.js';

/** Larger than any Fetch kcon asks for (tail: 16 MiB, tail --group: 32 MiB) or any Metadata. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** From writing a handshake request to the first byte of its answer. */
export const HANDSHAKE_DEADLINE_MS = 6000;

const KEEP_ALIVE_DELAY_MS = 60_000;

/** The requests a connection opens with, by API key; any other request may legitimately wait long. */
const HANDSHAKES = new Map([
	[18, 'ApiVersions'],
	[17, 'SaslHandshake'],
	[36, 'SaslAuthenticate'],
]);

interface SocketArgs {
	host: string;
	port: number;
	ssl?: tls.ConnectionOptions | null;
	onConnect: () => void;
}

/** Follows the length-prefixed frames of a response stream; names the first one over the limit. */
export class FrameGuard {
	private readonly header = Buffer.alloc(4);
	private headerFill = 0;
	private remaining = 0;

	constructor(
		private readonly address: string,
		private readonly limit = MAX_RESPONSE_BYTES,
	) {}

	/** null while every frame so far fits; otherwise why the connection must end. */
	feed(chunk: Buffer): string | null {
		let i = 0;
		while (i < chunk.length) {
			if (this.remaining > 0) {
				const take = Math.min(this.remaining, chunk.length - i);
				this.remaining -= take;
				i += take;
				continue;
			}
			this.header[this.headerFill++] = chunk[i++]!;
			if (this.headerFill < 4) continue;
			this.headerFill = 0;
			const size = this.header.readInt32BE(0);
			if (size < 0 || size > this.limit) {
				return `broker ${this.address} announced a ${size < 0 ? 'negative' : `${size}-byte`} response; kcon accepts at most ${this.limit} bytes`;
			}
			this.remaining = size;
		}
		return null;
	}
}

export interface SocketLimits {
	/** the largest response frame accepted (default MAX_RESPONSE_BYTES) */
	limit?: number;
	/** default HANDSHAKE_DEADLINE_MS */
	handshakeMs?: number;
	/** only requests that read cluster state may be written */
	readOnly: boolean;
}

/** A kafkajs socketFactory whose sockets end at the first oversized frame or unanswered handshake. */
export function guardedSocketFactory({limit = MAX_RESPONSE_BYTES, handshakeMs = HANDSHAKE_DEADLINE_MS, readOnly}: SocketLimits): (args: SocketArgs) => net.Socket {
	return ({host, port, ssl, onConnect}) => {
		const address = `${host}:${port}`;
		const socket = ssl
			? tls.connect({host, port, ...(net.isIP(host) ? {} : {servername: host}), ...ssl}, onConnect)
			: net.connect({host, port}, onConnect);
		socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
		const guard = new FrameGuard(address, limit);
		let handshake: NodeJS.Timeout | undefined;
		const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
		// kafkajs writes each request as one buffer: size (4 bytes), then the API key
		socket.write = ((...args: unknown[]) => {
			const chunk = args[0];
			const apiKey = Buffer.isBuffer(chunk) && chunk.length >= 6 ? chunk.readInt16BE(4) : undefined;
			if (readOnly && (apiKey === undefined || !READ_APIS.has(apiKey))) {
				socket.destroy(new Error(`read-only mode: a request with API key ${apiKey ?? 'unknown'} changes the cluster; not sent to ${address}`));
				return false;
			}
			const api = apiKey === undefined ? undefined : HANDSHAKES.get(apiKey);
			if (api && !handshake) {
				handshake = setTimeout(() => {
					socket.destroy(new Error(`broker ${address} accepted the connection but did not answer ${api} within ${handshakeMs / 1000} s`));
				}, handshakeMs);
				handshake.unref();
			}
			return write(...args);
		}) as typeof socket.write;
		socket.once('close', () => clearTimeout(handshake));
		const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
		// kafkajs reads the socket through 'data' events: a chunk is checked before any listener sees it
		socket.emit = ((event: string | symbol, ...args: unknown[]) => {
			if (event === 'data') {
				clearTimeout(handshake);
				handshake = undefined;
				const refused = guard.feed(args[0] as Buffer);
				if (refused) {
					socket.destroy(new Error(refused));
					return false;
				}
			}
			return emit(event, ...args);
		}) as typeof socket.emit;
		return socket;
	};
}

