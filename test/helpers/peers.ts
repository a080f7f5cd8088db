// Fake Kafka peers for what a real broker will not do: accept a connection and never answer, or
// accept and hang up at once (a client retries that for seconds). Loopback, ephemeral port.
import net from 'node:net';

export interface FakePeer {
	address: string;
	/** resolves at the first connection a client makes */
	connected: Promise<void>;
	close: () => Promise<void>;
}

export async function fakePeer(kind: 'silent' | 'hang-up'): Promise<FakePeer> {
	const sockets = new Set<net.Socket>();
	let first!: () => void;
	const connected = new Promise<void>((resolve) => (first = resolve));
	const server = net.createServer((socket) => {
		first();
		if (kind === 'hang-up') return void socket.destroy();
		sockets.add(socket);
		socket.on('error', () => {});
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	return {
		address: `127.0.0.1:${port}`,
		connected,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}
