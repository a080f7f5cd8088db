// One line on stderr, or one JSON error object on stdout under --output json; returns the exit code.
import {KconError} from '../errors.js';
import {toJson} from '../present/json.js';
import {escapeControl} from '../terminal-safe.js';
import {kconLine, writeErr, writeJson} from '../terminal-out.js';

export function wantsJson(argv: string[]): boolean {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--output=json' || arg === '-o=json' || arg === '-ojson' || arg === '--json') return true;
		if ((arg === '-o' || arg === '--output') && argv[i + 1] === 'json') return true;
	}
	return false;
}

export function reportError(error: unknown, json: boolean): number {
	const known = error instanceof KconError;
	const message = error instanceof Error ? error.message : String(error);
	const exitCode = known ? error.exitCode : 1;
	const code = known ? error.code : 'internal';
	const detail = known ? error.detail : [];
	if (json) {
		writeJson(toJson({error: {code, message, exitCode, ...(detail.length > 0 ? {detail} : {})}}, 0) + '\n');
	} else {
		// one line, whatever the message quotes (a flag value, a broker's error text, its line breaks);
		// kcon's own detail lines follow, indented, each escaped
		kconLine(message);
		for (const line of detail) writeErr(`  ${escapeControl(line)}\n`);
	}
	if (!known && process.env['KCON_DEBUG'] && error instanceof Error) {
		writeErr(`${error.stack}\n`);
	}
	return exitCode;
}
