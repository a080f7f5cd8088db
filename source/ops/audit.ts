// The audit log: one JSON object per line in stateDir()/audit.jsonl for every action kcon attempts
// (kill, start, reassign, elect, throttle changes), refused ones included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {stateDir} from '../config/paths.js';
import {kconLine} from '../terminal-out.js';

export interface AuditEntry {
	/** ISO-8601 time the action finished */
	time: string;
	user: string;
	/** the config context, "lab", or the bootstrap brokers */
	context: string;
	/** e.g. "broker.kill", "reassign.execute" */
	action: string;
	arguments: Record<string, unknown>;
	/** "ok", "refused", "failed" */
	result: 'ok' | 'refused' | 'failed';
	/** details: the error message, what changed */
	detail?: string;
	/** a failed action's undo of its own changes: what it put back, or what is left and how to undo it */
	rollback?: Record<string, unknown>;
}

export function auditFile(): string {
	return path.join(stateDir(), 'audit.jsonl');
}

function currentUser(): string {
	try {
		return os.userInfo().username;
	} catch {
		return process.env['USER'] ?? 'unknown';
	}
}

/** Appends one entry; a failure to write the log never hides the action's own outcome. */
export function audit(entry: Omit<AuditEntry, 'time' | 'user'> & {time?: string; user?: string}, file = auditFile()): AuditEntry {
	const full: AuditEntry = {
		time: entry.time ?? new Date().toISOString(),
		user: entry.user ?? currentUser(),
		context: entry.context,
		action: entry.action,
		arguments: entry.arguments,
		result: entry.result,
		...(entry.detail === undefined ? {} : {detail: entry.detail}),
		...(entry.rollback === undefined ? {} : {rollback: entry.rollback}),
	};
	try {
		fs.mkdirSync(path.dirname(file), {recursive: true});
		fs.appendFileSync(file, JSON.stringify(full) + '\n', {mode: 0o600});
	} catch (error) {
		kconLine(`could not write the audit log ${file}: ${error instanceof Error ? error.message : String(error)}`);
	}
	return full;
}

/** Every entry of the log, oldest first; lines that are not JSON are skipped. */
export function readAudit(file = auditFile()): AuditEntry[] {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return [];
	}
	const out: AuditEntry[] = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		try {
			out.push(JSON.parse(line) as AuditEntry);
		} catch {
			// a torn line (crash mid-write) must not hide the rest
		}
	}
	return out;
}
