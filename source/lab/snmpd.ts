// A real Net-SNMP snmpd (Debian) as a simulated Pi: config written into a directory of its own,
// started unprivileged and detached on a loopback address, stopped by PID.
// Everything stays inside `dir` (config, persistent state, log): /var/lib/snmp is never touched.
import {spawn} from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import {KconError} from '../errors.js';
import {snmpGet, type SnmpTarget, type SnmpV3User} from '../snmp/client.js';
import {OID} from '../snmp/oids.js';

export const SNMPD_PATH = '/usr/sbin/snmpd';

export interface SnmpdOptions {
	/** directory for snmpd.conf, persistent state and snmpd.log (created if missing) */
	dir: string;
	/** loopback address, e.g. 127.0.1.1 (any 127.0.0.0/8 address binds on Linux without setup) */
	host: string;
	port: number;
	/** v2c read-only community, default `public` (allowed from 127.0.0.0/8) */
	community?: string;
	sysName?: string;
	sysLocation?: string;
	/** optional SNMPv3 user (auth SHA/SHA-256, priv AES), allowed read-only at its security level */
	v3?: SnmpV3User;
}

export interface SnmpdProcess {
	pid: number;
	host: string;
	port: number;
	confPath: string;
	logPath: string;
}

export function snmpdInstalled(): boolean {
	try {
		fs.accessSync(SNMPD_PATH, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function quote(value: string): string {
	if (/[\s"#]/.test(value)) return `"${value.replace(/"/g, '')}"`;
	return value;
}

/** snmpd.conf text for one simulated Pi. */
export function snmpdConf(options: SnmpdOptions): string {
	const community = options.community ?? 'public';
	const persistent = path.join(path.resolve(options.dir), 'persist');
	const lines = [
		'# written by kcon (source/lab/snmpd.ts): one simulated Raspberry Pi',
		`[snmp] persistentDir ${persistent}`,
		`agentAddress udp:${options.host}:${options.port}`,
		`rocommunity ${quote(community)} 127.0.0.0/8`,
		'disk /',
		'load 12 10 5',
		`sysName ${quote(options.sysName ?? 'pi')}`,
		`sysLocation ${quote(options.sysLocation ?? 'kcon lab')}`,
		'sysContact kcon lab',
		'sysServices 72',
	];
	const user = options.v3;
	if (user) {
		if (!/^[A-Za-z0-9_.-]+$/.test(user.name)) throw new KconError(`invalid SNMPv3 user name '${user.name}'`, 2, 'usage');
		let create = `createUser ${user.name}`;
		let level = 'noauth';
		if (user.authKey) {
			if (user.authKey.length < 8) throw new KconError('SNMPv3 auth key must have at least 8 characters', 2, 'usage');
			create += ` ${user.authProtocol === 'sha256' ? 'SHA-256' : 'SHA'} ${quote(user.authKey)}`;
			level = 'auth';
			if (user.privKey) {
				if (user.privKey.length < 8) throw new KconError('SNMPv3 privacy key must have at least 8 characters', 2, 'usage');
				create += ` AES ${quote(user.privKey)}`;
				level = 'priv';
			}
		}
		lines.push(create, `rouser ${user.name} ${level}`);
	}
	return lines.join('\n') + '\n';
}

/** Write snmpd.conf (mode 600: it may hold v3 keys) and the persistent dir; returns the conf path. */
export function writeSnmpdConf(options: SnmpdOptions): string {
	const dir = path.resolve(options.dir);
	fs.mkdirSync(path.join(dir, 'persist'), {recursive: true});
	const confPath = path.join(dir, 'snmpd.conf');
	fs.writeFileSync(confPath, snmpdConf(options), {mode: 0o600});
	return confPath;
}

function lastLines(file: string, n = 8): string {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

/** True while the process exists and is not a zombie (a reaped-later child counts as gone). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true;
	}
}

/**
 * Fail early when another socket holds the UDP port: snmpd binds with SO_REUSEADDR, so a second
 * snmpd on a taken port starts "fine" and the old one keeps answering.
 */
export async function assertUdpPortFree(host: string, port: number): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const socket = dgram.createSocket({type: 'udp4', reuseAddr: false});
		socket.once('error', (error: NodeJS.ErrnoException) => {
			socket.close();
			reject(
				new KconError(
					error.code === 'EADDRINUSE'
						? `UDP port ${host}:${port} is taken by another process (see: ss -ulpn 'sport = :${port}'); choose another port`
						: `cannot bind udp:${host}:${port}: ${error.message}`,
				),
			);
		});
		socket.bind(port, host, () => socket.close(() => resolve()));
	});
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopPid(pid: number, graceMs = 3000): Promise<void> {
	if (!isAlive(pid)) return;
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		return;
	}
	const deadline = Date.now() + graceMs;
	while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
	if (isAlive(pid)) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// gone
		}
		const killDeadline = Date.now() + 2000;
		while (isAlive(pid) && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 20));
	}
}

/** Poll sysName until the agent answers (with `expectName` if given); throws after `timeoutMs`. */
export async function waitForAgent(
	target: SnmpTarget,
	timeoutMs = 10_000,
	isDead?: () => string | undefined,
	expectName?: string,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		const dead = isDead?.();
		if (dead) throw new KconError(dead);
		try {
			const values = await snmpGet({...target, timeoutMs: 300, retries: 0}, [OID.sysName]);
			const name = values.get(OID.sysName);
			if (name != null && (expectName === undefined || name === expectName)) return;
			if (name != null) lastError = new Error(`another agent answers there (sysName '${name}')`);
		} catch (error) {
			lastError = error;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
	throw new KconError(`SNMP agent ${target.host}:${target.port ?? 161} not ready after ${timeoutMs} ms${reason}`);
}

/**
 * Start snmpd detached (`snmpd -f -Lo -C -c DIR/snmpd.conf`, log in DIR/snmpd.log) and wait until
 * it answers sysName. On failure the process is stopped and the error carries its last log lines.
 */
export async function startSnmpd(options: SnmpdOptions, readyTimeoutMs = 10_000): Promise<SnmpdProcess> {
	if (!snmpdInstalled()) {
		throw new KconError(`${SNMPD_PATH} not found: install Debian's snmpd (apt-get install snmpd) or use --pi-agent embedded`);
	}
	await assertUdpPortFree(options.host, options.port);
	const confPath = writeSnmpdConf(options);
	const dir = path.dirname(confPath);
	const logPath = path.join(dir, 'snmpd.log');
	const log = fs.openSync(logPath, 'a');
	// -f foreground (so the PID is snmpd's own), -Lo log to stdout (our log file), -C only our
	// config, -M/-m: no MIB files (Debian ships without the IETF MIBs; we need none: numeric OIDs).
	const child = spawn(SNMPD_PATH, ['-f', '-Lo', '-C', '-c', confPath, '-M', dir, '-m', ''], {
		detached: true,
		stdio: ['ignore', log, log],
		env: {...process.env, MIBS: '', MIBDIRS: dir},
	});
	fs.closeSync(log);
	let exited: string | undefined;
	child.on('exit', (code, signal) => {
		exited = `snmpd on udp:${options.host}:${options.port} exited (${signal ?? `code ${code}`}) during start:\n${lastLines(logPath)}`;
	});
	child.on('error', (error) => {
		exited = `cannot start ${SNMPD_PATH}: ${error.message}`;
	});
	child.unref();
	const pid = child.pid;
	if (pid === undefined) {
		await new Promise((r) => setImmediate(r));
		throw new KconError(exited ?? `cannot start ${SNMPD_PATH}`);
	}
	try {
		await waitForAgent(
			{host: options.host, port: options.port, community: options.community ?? 'public'},
			readyTimeoutMs,
			() => exited,
			options.sysName ?? 'pi',
		);
	} catch (error) {
		await stopPid(pid);
		const message = error instanceof Error ? error.message : String(error);
		throw new KconError(exited ?? `${message}\n${lastLines(logPath)}`);
	}
	child.removeAllListeners('exit');
	return {pid, host: options.host, port: options.port, confPath, logPath};
}
