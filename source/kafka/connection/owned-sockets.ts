// The sockets of one kafkajs client, so that ending the client really ends them. kafkajs's
// disconnect() first waits for every pending request (a peer that accepted the connection and never
// answers holds it for the full request timeout) and only then ends the socket; a stopped tail or a
// failed connect would keep the process alive that long. Destroying the sockets rejects what is
// pending, after which disconnect() finishes at once.
import type {Socket} from 'node:net';
import {guardedSocketFactory} from './connection-guard.js';

type SocketFactory = ReturnType<typeof guardedSocketFactory>;

export interface OwnedSockets {
	/** pass as kafkajs's `socketFactory` option */
	factory: SocketFactory;
	/** destroy every socket open now */
	destroyAll: () => void;
	/** destroy every socket, and every one kafkajs's retries open from now on */
	close: () => void;
}

export function ownedSockets(access: {readOnly: boolean}): OwnedSockets {
	const base = guardedSocketFactory({readOnly: access.readOnly});
	const open = new Set<Socket>();
	let closed = false;
	// with an error: kafkajs listens for 'error' (not 'close') to reject what is pending and clear
	// its request-timeout interval
	const kill = (socket: Socket) => socket.destroy(new Error('the client was closed'));
	const destroyAll = () => {
		for (const socket of open) kill(socket);
		open.clear();
	};
	return {
		factory: (args) => {
			const socket = base(args);
			if (closed) {
				kill(socket);
				return socket;
			}
			open.add(socket);
			socket.once('close', () => open.delete(socket));
			return socket;
		},
		destroyAll,
		close: () => {
			closed = true;
			destroyAll();
		},
	};
}

/** End a kafkajs client: gracefully while it is healthy, by destroying its sockets when stopped or stuck. */
export async function endClient(disconnect: () => Promise<void>, sockets: OwnedSockets, stopped: boolean, graceMs = 1000): Promise<void> {
	if (stopped) sockets.close();
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([
		disconnect().catch(() => {}),
		new Promise<void>((resolve) => {
			timer = setTimeout(resolve, graceMs);
		}),
	]);
	clearTimeout(timer);
	sockets.destroyAll();
}
