// One poller per source: a steady tick every `intervalMs`; a tick that comes while the previous poll
// still runs is skipped (counted, not queued); after a failure the next try backs off
// (interval × 2^(n-1), capped), and the first success returns to the normal cadence by itself.
// While an operator action runs the ticks are paused (isPaused).
// No React here: the UI wraps it in a hook that starts it on mount and stops it on unmount.

export interface PollerOptions<T> {
	fetch: () => Promise<T>;
	intervalMs: number;
	onStart?: () => void;
	/** nextInMs: when the next poll comes, the back-off included while `isDown` says so */
	onResult: (value: T, nextInMs: number) => void;
	/** attempt: consecutive failures so far (1 on the first); retryInMs: when the next try comes */
	onError: (error: unknown, attempt: number, retryInMs: number) => void;
	/** a result that still counts as a failure for backoff (e.g. every broker unreachable) */
	isDown?: (value: T) => boolean;
	maxBackoffMs?: number;
	/** while true, ticks fetch nothing (an operator action runs); refreshNow() polls again at once */
	isPaused?: () => boolean;
}

export class Poller<T> {
	private timer: NodeJS.Timeout | undefined;
	private busy = false;
	private running = false;
	private failures = 0;
	/** ticks dropped because the previous poll was still running */
	skipped = 0;
	/** ticks that fetched nothing because polling was paused */
	paused = 0;
	polls = 0;

	constructor(private readonly options: PollerOptions<T>) {}

	get isBusy(): boolean {
		return this.busy;
	}

	get attempt(): number {
		return this.failures;
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		void this.tick();
	}

	stop(): void {
		this.running = false;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	/** poll now (ctrl-r, a view change); ignored while a poll runs — its result is about to arrive */
	refreshNow(): boolean {
		if (!this.running || this.busy) return false;
		if (this.timer) clearTimeout(this.timer);
		void this.tick();
		return true;
	}

	/** The delay from one poll to the next: the interval, or the back-off after failures. */
	backoffMs(): number {
		if (this.failures === 0) return this.options.intervalMs;
		// a back-off never polls more often than the interval, also when the interval is above the cap
		const max = Math.max(this.options.maxBackoffMs ?? 30_000, this.options.intervalMs);
		return Math.min(max, this.options.intervalMs * 2 ** (this.failures - 1));
	}

	private schedule(delay: number): void {
		if (!this.running) return;
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.tick(), delay);
		this.timer.unref?.();
	}

	private async tick(): Promise<void> {
		if (!this.running) return;
		if (this.options.isPaused?.()) {
			this.paused++;
			this.schedule(this.options.intervalMs);
			return;
		}
		if (this.busy) {
			this.skipped++;
			this.schedule(this.options.intervalMs);
			return;
		}
		this.busy = true;
		const started = Date.now();
		// the next tick keeps the cadence while this poll runs (it is skipped if we are still busy)
		this.schedule(this.options.intervalMs);
		this.options.onStart?.();
		try {
			const value = await this.options.fetch();
			this.polls++;
			if (!this.running) return;
			if (this.options.isDown?.(value)) this.failures++;
			else this.failures = 0;
			this.options.onResult(value, this.backoffMs());
		} catch (error) {
			this.polls++;
			if (!this.running) return;
			this.failures++;
			this.options.onError(error, this.failures, this.backoffMs());
		} finally {
			this.busy = false;
		}
		if (this.failures > 0) {
			this.schedule(Math.max(0, this.backoffMs() - (Date.now() - started)));
		}
	}
}
