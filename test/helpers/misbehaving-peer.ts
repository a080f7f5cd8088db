// A TCP peer on loopback that misbehaves the way a real broker never would, for the limits kcon
// must keep whatever a peer does: `silent` accepts and never answers; `hang-up` accepts and closes
// at once (a client retries that for seconds); `huge` answers the first request with a frame
// announcing 2 GB and streams filler as fast as the socket takes it (at most `capBytes`), counting
// what it managed to send before the client hung up. (fake-kafka.ts is the peer that speaks.)
import net from 'node:net';

export type Misbehaviour = 'silent' | 'hang-up' | 'huge';

export interface MisbehavingPeer {
	address: string;
	/** resolves at the first connection a client makes */
	connected: Promise<void>;
	/** bytes written to clients so far */
	written(): number;
	/** connections accepted so far */
	accepted(): number;
	close(): Promise<void>;
}

export async function misbehavingPeer(mode: Misbehaviour, capBytes = 512 * 1024 * 1024): Promise<MisbehavingPeer> {
	let written = 0;
	let accepted = 0;
	let first!: () => void;
	const connected = new Promise<void>((resolve) => (first = resolve));
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		accepted++;
		first();
		if (mode === 'hang-up') return void socket.destroy();
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => {});
		if (mode === 'silent') return;
		socket.once('data', (request) => {
			const correlationId = request.length >= 12 ? request.readInt32BE(8) : 0;
			const head = Buffer.alloc(8);
			head.writeInt32BE(0x7fffffff, 0);
			head.writeInt32BE(correlationId, 4);
			socket.write(head);
			written += head.length;
			const filler = Buffer.alloc(64 * 1024);
			const pump = () => {
				while (!socket.destroyed && written < capBytes) {
					written += filler.length;
					if (!socket.write(filler)) return void socket.once('drain', pump);
				}
			};
			pump();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	return {
		address: `127.0.0.1:${port}`,
		connected,
		written: () => written,
		accepted: () => accepted,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}
