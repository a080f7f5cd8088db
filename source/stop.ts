// How kcon ends when the operator (or a supervisor) says so, for every command in one place.
//
// SIGINT, SIGTERM and SIGHUP abort the AbortSignal every command is given, so the command stops on
// its own terms: disconnects its clients, restores the terminal, flushes what it printed. Some waits
// cannot be interrupted (a kafkajs connect that retries for a minute, a socket a peer never
// answers), so a deadline ends the process anyway shortly after; a second signal ends it at once.
// Either way the exit code is the one a shell expects of a process ended by that signal (128 + n).
// Work that must not be cut in half (a write to the cluster and its undo or audit entry) runs as
// uninterruptible(): neither the deadline nor an immediate stop ends the process inside it; the
// deadline starts counting when it is over.
import {constants} from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** how long a command gets to clean up after a signal before the process exits without it */
export const STOP_DEADLINE_MS = 1500;

export interface StopControl {
	/** aborted when a signal asks kcon to stop */
	signal: AbortSignal;
	/** the exit code the signal implies (130 for SIGINT, 143 for SIGTERM), once one arrived */
	exitCode: () => number | undefined;
	/** the running command watches `signal` and cleans up; any other ends at once, as without a handler */
	setGraceful: (graceful: boolean) => void;
}

let critical = 0;
/** the exit a stop asked for while uninterruptible work ran */
let deferred: {code: number; deadlineMs: number} | undefined;

/** Ends the process `deadlineMs` from now, unless uninterruptible work is running then. */
function exitAfter(code: number, deadlineMs: number): void {
	// unref: if the command cleans up in time the process ends by itself, earlier
	setTimeout(() => {
		if (critical > 0) deferred = {code, deadlineMs};
		else process.exit(code);
	}, deadlineMs).unref();
}

/** Runs `work` so that a stop signal cannot end the process halfway through it. */
export async function uninterruptible<T>(work: () => Promise<T>): Promise<T> {
	critical++;
	try {
		return await work();
	} finally {
		critical--;
		if (critical === 0 && deferred) {
			const {code, deadlineMs} = deferred;
			deferred = undefined;
			exitAfter(code, deadlineMs);
		}
	}
}

export function installStopHandlers(deadlineMs = STOP_DEADLINE_MS): StopControl {
	const controller = new AbortController();
	let code: number | undefined;
	let graceful = false;
	const onSignal = (name: NodeJS.Signals) => {
		const signalCode = 128 + (constants.signals[name] ?? 0);
		if (code !== undefined) process.exit(code); // asked twice: no more waiting
		code = signalCode;
		process.exitCode = code;
		controller.abort(new StopRequested(name));
		// nothing to clean up that the signal would not: at once (after any uninterruptible work)
		exitAfter(signalCode, graceful ? deadlineMs : 0);
	};
	for (const name of SIGNALS) process.on(name, onSignal);
	return {
		signal: controller.signal,
		exitCode: () => code,
		setGraceful: (value) => {
			graceful = value;
		},
	};
}

/** The abort reason of a stop signal, so a command can tell "stopped" from "failed". */
export class StopRequested extends Error {
	constructor(readonly signalName: NodeJS.Signals) {
		super(`stopped by ${signalName}`);
		this.name = 'StopRequested';
	}
}

/** `promise`, or a rejection with the abort reason as soon as `signal` aborts (the promise is left to settle on its own). */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return promise;
	if (signal.aborted) {
		promise.catch(() => {});
		return Promise.reject(abortReason(signal));
	}
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(abortReason(signal));
		signal.addEventListener('abort', onAbort, {once: true});
		promise.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}

function abortReason(signal: AbortSignal): Error {
	return signal.reason instanceof Error ? signal.reason : new StopRequested('SIGTERM');
}
