// The contexts of the config file as `kcon config get-contexts | current-context | use-context` see
// them: names, brokers and how each authenticates (never a secret, no environment lookups), and the
// one write kcon makes to the file, switching `currentContext`.
//
// use-context rewrites the whole file (JSON has no comments to lose): every other key stays as it
// was, in its order; the new text goes to a temporary file in the same directory, is flushed, and
// renamed over the old one, so a crash or a full disk leaves the old file or the new one, never half
// of one. A symlinked config file (dotfiles) is written through the link, which stays.
import fs from 'node:fs';
import path from 'node:path';
import {KconError, UsageError} from '../errors.js';
import {NotRegularFileError, readRegularFileBounded, TooLargeError} from './bounded-read.js';

/** a config file is a few KB; more is a mistake (or /dev/zero) */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ContextSummary {
	name: string;
	current: boolean;
	/** as the file writes them, "host:port,…" */
	brokers: string;
	/** `SASL/SCRAM-SHA-512`, `TLS`, … ; empty: plaintext without authentication */
	security: string[];
	readOnly: boolean;
}

export interface ContextsView {
	file: string;
	current: string | null;
	contexts: ContextSummary[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The file's JSON object; a missing file is `undefined` unless `required`. Every reader of the config
 * file (contexts, connection settings, agents) goes through here, so a file too big to be a config,
 * or one that is no file at all (a FIFO, /dev/zero, a directory), is the same one-line refusal
 * whichever command met it.
 */
export function readConfigObject(file: string, required: boolean): Record<string, unknown> | undefined {
	let text: string;
	try {
		text = readRegularFileBounded(file, MAX_CONFIG_BYTES);
	} catch (error) {
		if (error instanceof TooLargeError) throw new UsageError(`config file ${file} is ${error.message}; a config file is a few KB`);
		if (error instanceof NotRegularFileError) throw new UsageError(`config file ${file} is not a regular file`);
		const code = (error as NodeJS.ErrnoException).code;
		// the default file's directory may be missing, or a file where a directory was expected
		if ((code === 'ENOENT' || code === 'ENOTDIR') && !required) return undefined;
		throw new UsageError(`cannot read config file ${file}${code ? ` (${code})` : ''}`);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
	}
	if (!isObject(parsed)) throw new UsageError(`config file ${file} must hold a JSON object`);
	return parsed;
}

function contextsOf(config: Record<string, unknown>, file: string): Record<string, unknown> {
	const contexts = config['contexts'] ?? {};
	if (!isObject(contexts)) throw new UsageError(`config file ${file}: "contexts" must be an object`);
	return contexts;
}

function security(raw: Record<string, unknown>): string[] {
	const out: string[] = [];
	const sasl = raw['sasl'];
	if (isObject(sasl)) out.push(`SASL/${String(sasl['mechanism'] ?? '?').toUpperCase().replace(/_/g, '-')}`);
	const tls = raw['tls'];
	if (tls === true || isObject(tls)) out.push('TLS');
	return out;
}

/** The contexts of `file` (none when it does not exist and `required` is false). */
export function listContexts(file: string, required = false): ContextsView {
	const config = readConfigObject(file, required);
	if (!config) return {file, current: null, contexts: []};
	const contexts = contextsOf(config, file);
	const current = typeof config['currentContext'] === 'string' ? config['currentContext'] : null;
	return {
		file,
		current,
		contexts: Object.entries(contexts).map(([name, raw]) => {
			const context = isObject(raw) ? raw : {};
			const brokers = context['brokers'];
			return {
				name,
				current: name === current,
				brokers: typeof brokers === 'string' ? brokers : Array.isArray(brokers) ? brokers.map(String).join(',') : '',
				security: security(context),
				readOnly: context['readOnly'] === true,
			};
		}),
	};
}

/** Sets `currentContext` to `name` (a context the file has: else a usage error, nothing written). */
export function useContext(file: string, name: string): void {
	const config = readConfigObject(file, true)!;
	const contexts = contextsOf(config, file);
	if (!Object.hasOwn(contexts, name)) {
		const known = Object.keys(contexts);
		throw new UsageError(`no context '${name}' in ${file}` + (known.length ? ` (known: ${known.join(', ')})` : ' (it has no contexts)'));
	}
	config['currentContext'] = name;
	writeAtomically(file, JSON.stringify(config, null, 2) + '\n');
}

function writeAtomically(file: string, text: string): void {
	let target = file;
	try {
		target = fs.realpathSync(file);
	} catch {}
	const mode = fs.statSync(target).mode & 0o777;
	const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
	try {
		const fd = fs.openSync(temp, 'wx', mode);
		try {
			fs.writeSync(fd, text);
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}
		fs.renameSync(temp, target);
	} catch (error) {
		try {
			fs.unlinkSync(temp);
		} catch {}
		const code = (error as NodeJS.ErrnoException).code;
		throw new KconError(`cannot write config file ${target}${code ? ` (${code})` : ''}; it is unchanged`);
	}
}
