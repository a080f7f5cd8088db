// kafkajs 2.2.4's RequestQueue arms its "check the pending queue" timer with
// `throttledUntil - Date.now()` even when nothing is pending and nothing is throttled; throttledUntil
// starts at -1, so the delay is minus the epoch time (about -1.8e12 ms). Node clamps it to 1 ms, and
// the timer's callback re-arms the same timer, so every connection spins a 1 ms timer for as long as
// it is open; Node ≥ 23 also writes a TimeoutNegativeWarning to stderr on the first one.
// The replacement keeps kafkajs's behaviour where it means something (pending requests are checked
// when the client-side throttle ends, or after 10 ms when only the in-flight limit holds them) and
// arms nothing when the queue is empty: push() re-schedules as soon as a request has to wait.
import RequestQueueModule from 'kafkajs/src/network/requestQueue/index.js';

/** kafkajs's own interval for re-checking a queue held only by the in-flight limit */
export const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueShape {
	pending: unknown[];
	throttledUntil: number;
	throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
	checkPendingRequests(): void;
	scheduleCheckPendingRequests(): void;
}

/** The delay to arm for a queue in this state, or undefined when no check is needed. */
export function pendingCheckDelay(pending: number, throttledUntil: number, now: number): number | undefined {
	if (pending === 0) return undefined;
	const throttledFor = throttledUntil - now;
	return throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL_MS;
}

function scheduleCheckPendingRequests(this: RequestQueueShape): void {
	if (this.throttleCheckTimeoutId) return;
	const delay = pendingCheckDelay(this.pending.length, this.throttledUntil, Date.now());
	if (delay === undefined) return;
	this.throttleCheckTimeoutId = setTimeout(() => {
		this.throttleCheckTimeoutId = null;
		this.checkPendingRequests();
	}, delay);
}

const RequestQueue = RequestQueueModule as {prototype: RequestQueueShape};
RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;

/** kafkajs's RequestQueue class with the replacement installed (for tests). */
export const PatchedRequestQueue = RequestQueue;
