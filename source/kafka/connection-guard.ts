// Limits a broker cannot stretch, applied under every Kafka connection kcon opens (the gateway, the
// actions and the tail all get their sockets from guardedSocketFactory):
//   - a response frame larger than MAX_RESPONSE_BYTES ends the connection before any of it is
//     buffered: kafkajs keeps every chunk of a frame until the size its first four bytes announce
//     has arrived, so a peer that announces 2 GB and trickles bytes would make it allocate that much;
//   - connecting (TCP, ApiVersions, SASL) has one deadline of its own, so a peer that accepts and
//     never answers costs CONNECT_DEADLINE_MS, and the error says which broker and what it did not do.
import net from 'node:net';
import tls from 'node:tls';

/** Larger than any Fetch kcon asks for (tail: 16 MiB, tail --group: 32 MiB) or any Metadata. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

const KEEP_ALIVE_DELAY_MS = 60_000;

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

/** A kafkajs socketFactory whose sockets end at the first oversized response frame. */
export function guardedSocketFactory(limit = MAX_RESPONSE_BYTES): (args: SocketArgs) => net.Socket {
	return ({host, port, ssl, onConnect}) => {
		const socket = ssl
			? tls.connect({host, port, ...(net.isIP(host) ? {} : {servername: host}), ...ssl}, onConnect)
			: net.connect({host, port}, onConnect);
		socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
		const guard = new FrameGuard(`${host}:${port}`, limit);
		const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
		// kafkajs reads the socket through 'data' events: a chunk is checked before any listener sees it
		socket.emit = ((event: string | symbol, ...args: unknown[]) => {
			if (event === 'data') {
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

/** Time for TCP, ApiVersions and SASL together, per broker. */
export const CONNECT_DEADLINE_MS = 6000;

interface Connectable {
	connect(): Promise<void>;
	disconnect(): Promise<void>;
	/** kafkajs's ConnectionPool: its connections' sockets are destroyed when the deadline passes */
	connectionPool: {isConnected(): boolean; pool?: Array<{socket?: {destroy(error?: Error): void} | null}>};
}

export class ConnectTimeoutError extends Error {
	constructor(address: string, ms: number, socketOpen: boolean) {
		super(
			socketOpen
				? `broker ${address} accepted the connection but did not answer ApiVersions/SASL within ${ms / 1000} s`
				: `broker ${address} did not accept a connection within ${ms / 1000} s`,
		);
		this.name = 'ConnectTimeoutError';
	}
}

/**
 * kafkajs's Broker.connect() with a deadline. On expiry the sockets are destroyed, not ended:
 * kafkajs's own disconnect waits for the requests in flight (the unanswered ApiVersions) to time
 * out first, which kept the process alive for the whole request timeout.
 */
export async function connectWithin(broker: Connectable, address: string, ms = CONNECT_DEADLINE_MS): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			const error = new ConnectTimeoutError(address, ms, broker.connectionPool.isConnected());
			for (const connection of broker.connectionPool.pool ?? []) connection.socket?.destroy(error);
			reject(error);
		}, ms);
	});
	try {
		await Promise.race([broker.connect(), expired]);
	} finally {
		clearTimeout(timer);
	}
}
