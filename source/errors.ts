// Typed errors carry the exit code the CLI should use.
// 1: nothing reachable / runtime failure, 2: usage or bad input, 3: refused by read-only mode.

export class KconError extends Error {
	/**
	 * `detail`: lines kcon prints after the one-line message (a lab node's last log lines), each on
	 * its own line, escaped; the message itself is always shown as one line.
	 */
	constructor(
		message: string,
		readonly exitCode: number = 1,
		readonly code: string = 'error',
		readonly detail: readonly string[] = [],
	) {
		super(message);
		this.name = 'KconError';
	}
}

export class UsageError extends KconError {
	constructor(message: string) {
		super(message, 2, 'usage');
		this.name = 'UsageError';
	}
}

export class UnreachableError extends KconError {
	constructor(message: string) {
		super(message, 1, 'unreachable');
		this.name = 'UnreachableError';
	}
}

export class ReadOnlyError extends KconError {
	constructor(message: string) {
		super(message, 3, 'read-only');
		this.name = 'ReadOnlyError';
	}
}
