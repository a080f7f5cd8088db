// One line on stderr, or one JSON error object on stdout under --output json; returns the exit code.
import {KconError} from '../errors.js';
import {escapeControl} from '../present/message-safe.js';

export function wantsJson(argv: string[]): boolean {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--output=json' || arg === '-o=json' || arg === '--json') return true;
		if ((arg === '-o' || arg === '--output') && argv[i + 1] === 'json') return true;
	}
	return false;
}

export function reportError(error: unknown, json: boolean): number {
	const known = error instanceof KconError;
	const message = error instanceof Error ? error.message : String(error);
	const exitCode = known ? error.exitCode : 1;
	const code = known ? error.code : 'internal';
	if (json) {
		process.stdout.write(JSON.stringify({error: {code, message, exitCode}}) + '\n');
	} else {
		// control characters in what a message quotes (a flag value, a broker's error text) are shown
		// escaped, never sent to the terminal; a usage error stays one line even when the bad value
		// held a line break, other errors keep their own lines (a lab node's last log lines)
		const lines = exitCode === 2 ? [message] : message.split('\n');
		process.stderr.write(`kcon: ${lines.map(escapeControl).join('\n')}\n`);
	}
	if (!known && process.env['KCON_DEBUG'] && error instanceof Error) {
		process.stderr.write(`${error.stack}\n`);
	}
	return exitCode;
}
