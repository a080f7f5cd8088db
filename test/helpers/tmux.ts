// A real terminal for end-to-end console tests: one tmux session on a tmux server of our own
// (socket kcon-<name>-<pid>), killed by that socket only — never by name.
import {execFileSync} from 'node:child_process';
import {eventually} from './lab.js';

export interface Terminal {
	tmux: (...args: string[]) => string;
	/** the visible screen as plain text */
	screen: () => string;
	keys: (...keys: string[]) => void;
	/** the first screen that matches `re` (polled every 300 ms); throws with the last screen */
	see: (re: RegExp, timeoutMs?: number) => Promise<string>;
	/** stops the tmux server (and what runs in it); safe to call twice */
	kill: () => void;
}

export function tmuxTerminal(name: string): Terminal {
	const socket = `kcon-${name}-${process.pid}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	const screen = () => tmux('capture-pane', '-p', '-t', name);
	const kill = () => {
		try {
			tmux('kill-server');
		} catch {}
	};
	// The server is a daemon of its own, which no signal to this process or its group reaches: a
	// test process that ends (also by a stop signal, before its after() hooks could run) stops it.
	process.once('exit', kill);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			kill();
			// no other handler (a lab to stop) takes the signal: end as the signal would have
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		});
	}
	return {
		tmux,
		screen,
		keys: (...keys) => void tmux('send-keys', '-t', name, ...keys),
		see: (re, timeoutMs = 30_000) =>
			eventually(
				() => {
					const s = screen();
					return re.test(s) ? s : null;
				},
				{timeoutMs, intervalMs: 300},
			).catch((error: unknown) => {
				throw new Error(`screen never matched ${re}:\n${screen()}\n(${String(error)})`);
			}),
		kill,
	};
}
