// Shared by the mutating commands (broker, reassign, elect): flags, settings, read-only refusal,
// confirmation without a terminal, the audit trail and output in text or JSON.
import readline from 'node:readline';
import {outputFormat, parseConnectionArgs, type Options} from '../config/args.js';
import {brokerId} from '../config/numbers.js';
import {resolveSettings, type Settings} from '../config/settings.js';
import {KconError} from '../errors.js';
import {readOnlyError} from '../kafka/connection/write-guard.js';
import {toJson} from '../present/json.js';
import {audit, type AuditEntry} from '../state/audit.js';
import {writeErr, writeJson, writeOut} from '../terminal-out.js';
import {escapeControl} from '../present/terminal-safe.js';

export interface ActionContext {
	settings: Settings;
	format: 'text' | 'json';
	/** "lab", the context name, or the bootstrap list */
	context: string;
	/** the action name in the audit log, e.g. "broker.kill" */
	action: string;
	args: Record<string, unknown>;
}

export function parseActionArgs<T extends Options>(argv: string[], options: T) {
	return parseConnectionArgs(argv, options);
}

export function contextName(settings: Settings): string {
	if (settings.source === 'lab') return 'lab';
	if (settings.context) return settings.context;
	return settings.brokers.join(',');
}

export function actionContext(values: Record<string, unknown>, action: string, args: Record<string, unknown>): ActionContext {
	const format = outputFormat(values as {output?: string; json?: boolean});
	const settings = resolveSettings(values);
	return {settings, format, context: contextName(settings), action, args};
}

/** The context of an action started from the console (audited with via: console), refused in read-only mode. */
export function consoleAction(settings: Settings, action: string, args: Record<string, unknown>): ActionContext {
	const ctx: ActionContext = {settings, format: 'json', context: contextName(settings), action, args: {...args, via: 'console'}};
	refuseIfReadOnly(ctx);
	return ctx;
}

export function record(ctx: ActionContext, result: AuditEntry['result'], detail?: string, extra: Record<string, unknown> = {}, rollback?: Record<string, unknown>): void {
	audit({context: ctx.context, action: ctx.action, arguments: {...ctx.args, ...extra}, result, ...(detail === undefined ? {} : {detail}), ...(rollback ? {rollback} : {})});
}

/**
 * Refuses (exit 3) when the settings say read-only, before any preview or prompt; the refusal is
 * audited. The requests themselves are refused again where they are sent (kafka/write-guard.ts).
 */
export function refuseIfReadOnly(ctx: ActionContext): void {
	if (!ctx.settings.readOnly) return;
	const error = readOnlyError(ctx.settings, ctx.action.replace('.', ' '));
	record(ctx, 'refused', error.message);
	throw error;
}

/** Throws a refusal that is audited first. */
export function refuse(ctx: ActionContext, message: string, exitCode = 1): never {
	record(ctx, 'refused', message);
	throw new KconError(message, exitCode, 'refused');
}

/** Runs the change; audits ok or failed (with the error) and rethrows. */
export async function audited<T>(ctx: ActionContext, fn: () => Promise<T>, detail?: (value: T) => string | undefined): Promise<T> {
	try {
		const value = await fn();
		record(ctx, 'ok', detail?.(value));
		return value;
	} catch (error) {
		// a failure that undid its own changes says what it undid, or what is left (ActionFailure.details)
		const rollback = (error as {details?: {rollback?: Record<string, unknown>}})?.details?.rollback;
		record(ctx, 'failed', error instanceof Error ? error.message : String(error), {}, rollback);
		throw error;
	}
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
 * on a terminal the operator types `expected` (e.g. the broker id).
 */
export async function confirm(ctx: ActionContext, yes: boolean, prompt: string, expected: string): Promise<void> {
	if (yes) return;
	if (!interactive()) refuse(ctx, `refusing to ${ctx.action.replace('.', ' ')} without --yes: no terminal to confirm on`, 2);
	const answer = await ask(`${prompt} `);
	if (answer !== expected) refuse(ctx, `not confirmed (expected '${expected}', got '${answer}'); nothing was changed`);
}

export function out(ctx: ActionContext, text: string, json: unknown): void {
	if (ctx.format === 'json') writeJson(toJson(json) + '\n');
	else writeOut(text.endsWith('\n') || text === '' ? text : text + '\n');
}

/** Progress and previews that must not pollute JSON on stdout go to stderr under -o json. */
export function info(ctx: ActionContext, text: string): void {
	(ctx.format === 'json' ? writeErr : writeOut)(text.endsWith('\n') ? text : text + '\n');
}

/** A broker id or partition typed as an argument: the shared whole-number parser, int32 range. */
export function positiveId(text: string | undefined, what = 'broker id'): number {
	return brokerId(text, what);
}
