// Shared by the mutating commands (broker, reassign, elect): flags, settings, confirmation on the
// terminal (or a refusal without one), and output in text or JSON. The actions themselves, with
// their read-only refusal and audit trail, are in source/ops.
import readline from 'node:readline';
import {outputFormat, parseConnectionArgs, type Options} from '../config/args.js';
import {brokerId} from '../domain/numbers.js';
import {resolveSettings, type Settings} from '../config/settings.js';
import {refuse, type OpContext} from '../ops/guard.js';
import type {OutputSink} from '../ops/broker-command.js';
import {toJson} from '../present/json.js';
import {writeErr, writeJson, writeOut} from '../terminal-out.js';
import {escapeControl} from '../terminal-safe.js';

/** The settings an action runs with and the format its output is printed in. */
export interface CliAction {
	settings: Settings;
	format: 'text' | 'json';
}

export function parseActionArgs<T extends Options>(argv: string[], options: T) {
	return parseConnectionArgs(argv, options);
}

export function cliAction(values: Record<string, unknown>): CliAction {
	return {settings: resolveSettings(values), format: outputFormat(values as {output?: string; json?: boolean})};
}

export function interactive(): boolean {
	return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/** Asks on the terminal (readline writes the question itself: escaped here, it may name topics); resolves to the trimmed answer. */
export function ask(question: string): Promise<string> {
	const rl = readline.createInterface({input: process.stdin, output: process.stderr});
	return new Promise((resolve) => {
		rl.question(escapeControl(question), (answer) => {
			rl.close();
			resolve(answer.trim());
		});
	});
}

/**
 * Confirmation: --yes skips it; without a terminal the action is refused with a clear line;
 * on a terminal the operator types `expected` (e.g. the broker id). Refusals are audited under `op`.
 */
export async function confirm(op: OpContext, yes: boolean, prompt: string, expected: string): Promise<void> {
	if (yes) return;
	if (!interactive()) refuse(op, `refusing to ${op.action.replace('.', ' ')} without --yes: no terminal to confirm on`, 2);
	const answer = await ask(`${prompt} `);
	if (answer !== expected) refuse(op, `not confirmed (expected '${expected}', got '${answer}'); nothing was changed`);
}

export function out(cli: CliAction, text: string, json: unknown): void {
	if (cli.format === 'json') writeJson(toJson(json) + '\n');
	else writeOut(text.endsWith('\n') || text === '' ? text : text + '\n');
}

/** Progress and previews that must not pollute JSON on stdout go to stderr under -o json. */
export function info(cli: CliAction, text: string): void {
	(cli.format === 'json' ? writeErr : writeOut)(text.endsWith('\n') ? text : text + '\n');
}

/** A brokerCommands tool's output passed on as kcon's own text (it names topics and hosts from the cluster); to stderr under json. */
export function passOutput(cli: CliAction): OutputSink {
	return (stream, text) => (stream === 'stdout' && cli.format !== 'json' ? writeOut : writeErr)(text);
}

/** A broker id or partition typed as an argument: the shared whole-number parser, int32 range. */
export function positiveId(text: string | undefined, what = 'broker id'): number {
	return brokerId(text, what);
}
