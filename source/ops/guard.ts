// What every operator action does around its change, wherever it was started from (the CLI or the
// console): refuse in read-only mode before anything is read, refuse with an audited reason, and
// audit the outcome of the change itself (ok, or failed with what it undid).
import type {Settings} from '../config/settings.js';
import {KconError} from '../errors.js';
import {readOnlyError} from '../kafka/connection/write-guard.js';
import {audit, type AuditEntry} from './audit.js';

/** One action as the audit log names it. */
export interface OpContext {
	settings: Settings;
	/** "lab", the context name, or the bootstrap list */
	context: string;
	/** the action name in the audit log, e.g. "broker.kill" */
	action: string;
	args: Record<string, unknown>;
}

/** Where an action was started: the console's entries carry `via: console` in the audit log. */
export type Via = 'cli' | 'console';

export function contextName(settings: Settings): string {
	if (settings.source === 'lab') return 'lab';
	if (settings.context) return settings.context;
	return settings.brokers.join(',');
}

/** The context of one action, without any check yet. */
export function opContext(settings: Settings, action: string, args: Record<string, unknown>, via: Via = 'cli'): OpContext {
	return {settings, context: contextName(settings), action, args: via === 'console' ? {...args, via: 'console'} : args};
}

/** The context of one action, refused (audited, exit 3) in read-only mode before anything else. */
export function guarded(settings: Settings, action: string, args: Record<string, unknown>, via: Via = 'cli'): OpContext {
	const op = opContext(settings, action, args, via);
	refuseIfReadOnly(op);
	return op;
}

export function record(op: OpContext, result: AuditEntry['result'], detail?: string, extra: Record<string, unknown> = {}, rollback?: Record<string, unknown>): void {
	audit({context: op.context, action: op.action, arguments: {...op.args, ...extra}, result, ...(detail === undefined ? {} : {detail}), ...(rollback ? {rollback} : {})});
}

/**
 * Refuses (exit 3) when the settings say read-only, before any preview or prompt; the refusal is
 * audited. The requests themselves are refused again where they are sent (kafka/connection/write-guard.ts).
 */
export function refuseIfReadOnly(op: OpContext): void {
	if (!op.settings.readOnly) return;
	const error = readOnlyError(op.settings, op.action.replace('.', ' '));
	record(op, 'refused', error.message);
	throw error;
}

/** Throws a refusal that is audited first. */
export function refuse(op: OpContext, message: string, exitCode = 1): never {
	record(op, 'refused', message);
	throw new KconError(message, exitCode, 'refused');
}

/** Runs the change; audits ok or failed (with the error) and rethrows. */
export async function audited<T>(op: OpContext, fn: () => Promise<T>, detail?: (value: T) => string | undefined): Promise<T> {
	try {
		const value = await fn();
		record(op, 'ok', detail?.(value));
		return value;
	} catch (error) {
		// a failure that undid its own changes says what it undid, or what is left (ActionFailure.details)
		const rollback = (error as {details?: {rollback?: Record<string, unknown>}})?.details?.rollback;
		record(op, 'failed', error instanceof Error ? error.message : String(error), {}, rollback);
		throw error;
	}
}
