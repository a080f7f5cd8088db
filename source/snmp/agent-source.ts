// The console's live feed of agent states over an AgentPoller: polling starts with the first
// subscriber and runs until close(); subscribers hear at most every `notifyMs` (one redraw per
// burst of answers), and snapshot() stays the same object between changes (useSyncExternalStore).
import type {AgentSource, AgentsSnapshot} from '../domain/metrics.js';
import {AgentPoller, type AgentSpec, type PollerOptions} from './poller.js';

export interface AgentFeed extends AgentSource {
	readonly poller: AgentPoller;
	close(): void;
}

export function createAgentSource(agents: readonly AgentSpec[], options: PollerOptions & {notifyMs?: number} = {}): AgentFeed {
	const poller = new AgentPoller(agents, options);
	const listeners = new Set<() => void>();
	const notifyMs = options.notifyMs ?? 250;
	let current: AgentsSnapshot | null = null;
	let timer: NodeJS.Timeout | undefined;
	let started = false;
	let closed = false;

	// an agent's history is copied when a view reads it, once per snapshot: the views draw the
	// agents on screen, and copying all of them (a thousand agents × 6 metrics × 600 samples) on
	// every rebuild, up to four times a second, was millions of values for nothing
	const build = (): AgentsSnapshot => {
		const states = poller.states();
		const series: AgentsSnapshot['series'] = {};
		for (const s of states) {
			let copy: ReturnType<typeof poller.history.snapshot> | undefined;
			// defined, not assigned: an agent named __proto__ is a key like any other
			Object.defineProperty(series, s.name, {enumerable: true, get: () => (copy ??= poller.history.snapshot(s.name))});
		}
		return {states, series, windowMs: poller.history.windowMs};
	};

	poller.subscribe(() => {
		if (timer || closed) return;
		timer = setTimeout(() => {
			timer = undefined;
			current = null; // rebuilt on the next snapshot()
			for (const listener of [...listeners]) listener();
		}, notifyMs);
		timer.unref?.();
	});

	return {
		poller,
		subscribe(listener) {
			listeners.add(listener);
			if (!started && !closed) {
				started = true;
				poller.start();
			}
			return () => void listeners.delete(listener);
		},
		snapshot() {
			current ??= build();
			return current;
		},
		close() {
			closed = true;
			if (timer) clearTimeout(timer);
			listeners.clear();
			poller.close();
		},
	};
}
