// A live tail behind the console's tail views: pulls record batches from a TailSource into a
// bounded buffer, measures the rate, pauses by not pulling (nothing is lost while paused: Kafka keeps
// the messages), and notifies its views at most every 100 ms. No Ink here.
// Sessions are shared by topic and reference-counted, so the list view and the one-message view can
// replace each other on the view stack without restarting the tail; the last release stops it.
import type {TailRecord} from '../../domain/tail.js';

/** Where a console tail gets its records: the command wires it to kafka/tail.ts. */
export type TailSource = (topic: string, signal: AbortSignal) => AsyncIterable<TailRecord[]>;

export interface TailSnapshot {
	topic: string;
	/** oldest first, at most bufferSize */
	records: readonly TailRecord[];
	/** messages received since the start */
	total: number;
	/** messages per second over the last few seconds */
	rate: number;
	paused: boolean;
	error: string | null;
	ended: boolean;
	bufferSize: number;
	/** bumps on every change (cheap change detection for views) */
	version: number;
}

const RATE_WINDOW_MS = 5000;
export const DEFAULT_TAIL_BUFFER = 5000;

export class TailSession {
	private buffer: TailRecord[] = [];
	private total = 0;
	private paused = false;
	private error: string | null = null;
	private ended = false;
	private version = 0;
	private samples: Array<{at: number; count: number}> = [];
	private listeners = new Set<() => void>();
	private abort = new AbortController();
	private resume: (() => void) | null = null;
	private notifyTimer: ReturnType<typeof setTimeout> | null = null;
	private cached: TailSnapshot | null = null;

	constructor(
		readonly topic: string,
		private readonly source: TailSource,
		readonly bufferSize = DEFAULT_TAIL_BUFFER,
		private readonly now: () => number = Date.now,
	) {}

	start(): this {
		void this.pump();
		return this;
	}

	private async pump(): Promise<void> {
		try {
			for await (const batch of this.source(this.topic, this.abort.signal)) {
				if (this.abort.signal.aborted) break;
				this.add(batch);
				while (this.paused && !this.abort.signal.aborted) {
					await new Promise<void>((resolve) => {
						this.resume = resolve;
					});
				}
			}
		} catch (error) {
			if (!this.abort.signal.aborted) this.error = error instanceof Error ? error.message : String(error);
		}
		this.ended = true;
		this.changed(true);
	}

	/** append records (also used by tests and fixtures) */
	add(batch: readonly TailRecord[]): void {
		if (batch.length === 0) return;
		for (const r of batch) this.buffer.push(r);
		if (this.buffer.length > this.bufferSize) this.buffer.splice(0, this.buffer.length - this.bufferSize);
		this.total += batch.length;
		const at = this.now();
		this.samples.push({at, count: batch.length});
		while (this.samples.length > 0 && at - this.samples[0]!.at > RATE_WINDOW_MS) this.samples.shift();
		this.changed(false);
	}

	rate(): number {
		const at = this.now();
		const recent = this.samples.filter((s) => at - s.at <= RATE_WINDOW_MS);
		if (recent.length === 0) return 0;
		const span = Math.max(1000, at - recent[0]!.at);
		return (recent.reduce((n, s) => n + s.count, 0) * 1000) / span;
	}

	togglePause(): void {
		this.paused = !this.paused;
		if (!this.paused) {
			const r = this.resume;
			this.resume = null;
			r?.();
		}
		this.changed(true);
	}

	snapshot(): TailSnapshot {
		if (this.cached && this.cached.version === this.version) return this.cached;
		this.cached = {
			topic: this.topic,
			records: this.buffer.slice(),
			total: this.total,
			rate: this.rate(),
			paused: this.paused,
			error: this.error,
			ended: this.ended,
			bufferSize: this.bufferSize,
			version: this.version,
		};
		return this.cached;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	stop(): void {
		this.abort.abort();
		const r = this.resume;
		this.resume = null;
		r?.();
		if (this.notifyTimer) clearTimeout(this.notifyTimer);
		this.listeners.clear();
	}

	private changed(now: boolean): void {
		this.version++;
		if (now) {
			if (this.notifyTimer) clearTimeout(this.notifyTimer);
			this.notifyTimer = null;
			for (const l of this.listeners) l();
			return;
		}
		if (this.notifyTimer) return;
		this.notifyTimer = setTimeout(() => {
			this.notifyTimer = null;
			for (const l of this.listeners) l();
		}, 100);
	}
}

// ---- shared sessions, by topic ----
const sessions = new Map<string, {session: TailSession; refs: number}>();

/** Take (or start) the session for `topic`; call the returned release when done with it. */
export function acquireTailSession(topic: string, source: TailSource, bufferSize = DEFAULT_TAIL_BUFFER): {session: TailSession; release: () => void} {
	let held = sessions.get(topic);
	if (!held) {
		held = {session: new TailSession(topic, source, bufferSize).start(), refs: 0};
		sessions.set(topic, held);
	}
	held.refs++;
	const entry = held;
	let released = false;
	return {
		session: entry.session,
		release: () => {
			if (released) return;
			released = true;
			entry.refs--;
			// a view replacing another on the stack acquires right after: stop only if none did
			setTimeout(() => {
				if (entry.refs === 0 && sessions.get(topic) === entry) {
					sessions.delete(topic);
					entry.session.stop();
				}
			}, 500);
		},
	};
}

/** The running session of a topic, if any (for titles). */
export function peekTailSession(topic: string): TailSession | undefined {
	return sessions.get(topic)?.session;
}

/** "Tail resource  12.0 msg/s  4,980/5,000" — for the view title. */
export function tailTitle(topic: string): string {
	const s = peekTailSession(topic)?.snapshot();
	if (!s) return `Tail ${topic}`;
	const state = s.error ? '  error' : s.paused ? '  paused' : s.ended ? '  ended' : '';
	return `Tail ${topic}  ${s.rate.toFixed(1)} msg/s  ${s.records.length}/${s.bufferSize}${state}`;
}
