// SNMP client: the only place (with embedded-agent.ts) that imports net-snmp.
// v2c (community) and v3 (USM user, auth SHA / SHA-256, priv AES) sessions; one GET PDU per call;
// values converted once: numbers, bigint for Counter64 (net-snmp gives a Buffer), strings, and
// null for noSuchObject / noSuchInstance / endOfMibView. Secrets never reach a message or a log.
import snmp from 'net-snmp';
import {KconError} from '../errors.js';
import type {SnmpV3User} from '../domain/agent-spec.js';

export type SnmpValue = number | bigint | string | null;
export type {AuthProtocol, PrivProtocol, SnmpV3User} from '../domain/agent-spec.js';

export interface SnmpTarget {
	host: string;
	/** UDP port, default 161 */
	port?: number;
	/** v2c community (default `public`); ignored when v3 is set */
	community?: string;
	v3?: SnmpV3User;
	/** per-request timeout in ms (default 2000) */
	timeoutMs?: number;
	/** re-sends after a timeout (default 0: one request, one answer or a timeout) */
	retries?: number;
}

/** The agent did not answer within the timeout (down, filtered, or — for v2c — wrong community). */
export class SnmpTimeoutError extends KconError {
	constructor(message: string) {
		super(message, 1, 'snmp-timeout');
		this.name = 'SnmpTimeoutError';
	}
}

/** SNMPv3 USM refused us: unknown user, wrong auth key, decryption error, bad security level. */
export class SnmpAuthError extends KconError {
	constructor(message: string) {
		super(message, 1, 'snmp-auth');
		this.name = 'SnmpAuthError';
	}
}

/** Any other SNMP failure (error-status in the response, malformed answer, socket error). */
export class SnmpRequestError extends KconError {
	constructor(message: string) {
		super(message, 1, 'snmp-error');
		this.name = 'SnmpRequestError';
	}
}

/** `host:port` plus the security name (never keys), for messages. */
export function describeTarget(target: SnmpTarget): string {
	const address = `${target.host}:${target.port ?? 161}`;
	return target.v3 ? `${address} (v3 user ${target.v3.name})` : address;
}

function securityLevel(user: SnmpV3User): snmp.SecurityLevel {
	if (user.privProtocol || user.privKey) return snmp.SecurityLevel.authPriv;
	if (user.authProtocol || user.authKey) return snmp.SecurityLevel.authNoPriv;
	return snmp.SecurityLevel.noAuthNoPriv;
}

function toNetSnmpUser(user: SnmpV3User): snmp.User {
	const level = securityLevel(user);
	const out: snmp.User = {name: user.name, level};
	if (level !== snmp.SecurityLevel.noAuthNoPriv) {
		if (!user.authKey) throw new KconError(`SNMPv3 user ${user.name}: an auth key is required`, 2, 'usage');
		out.authProtocol = user.authProtocol === 'sha256' ? snmp.AuthProtocols.sha256 : snmp.AuthProtocols.sha;
		out.authKey = user.authKey;
	}
	if (level === snmp.SecurityLevel.authPriv) {
		if (!user.privKey) throw new KconError(`SNMPv3 user ${user.name}: a privacy key is required`, 2, 'usage');
		out.privProtocol = snmp.PrivProtocols.aes;
		out.privKey = user.privKey;
	}
	return out;
}

/** Counter64 arrives as a big-endian Buffer of 1..9 bytes. */
export function bufferToBigInt(buffer: Buffer): bigint {
	let value = 0n;
	for (const byte of buffer) value = (value << 8n) | BigInt(byte);
	return value;
}

export function convertVarbind(varbind: snmp.Varbind): SnmpValue {
	const {type, value} = varbind;
	switch (type) {
		case snmp.ObjectType.NoSuchObject:
		case snmp.ObjectType.NoSuchInstance:
		case snmp.ObjectType.EndOfMibView:
		case snmp.ObjectType.Null:
			return null;
		case snmp.ObjectType.Counter64:
			if (Buffer.isBuffer(value)) return bufferToBigInt(value);
			if (typeof value === 'number') return BigInt(value);
			if (typeof value === 'bigint') return value;
			return null;
		case snmp.ObjectType.OctetString:
		case snmp.ObjectType.Opaque:
			return Buffer.isBuffer(value) ? value.toString('utf8') : value == null ? null : String(value);
		default:
			if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
			if (Buffer.isBuffer(value)) return value.toString('utf8');
			if (typeof value === 'boolean') return value ? 1 : 0;
			return null;
	}
}

/**
 * A reusable session to one agent (one UDP socket; for v3 the engine is discovered once).
 * Requests on one session may overlap; callers (the poller) decide whether they should.
 */
export class SnmpSession {
	readonly target: SnmpTarget;
	private readonly session: snmp.Session;
	private answered = false;
	private closed = false;

	constructor(target: SnmpTarget) {
		this.target = target;
		const options = {
			port: target.port ?? 161,
			timeout: target.timeoutMs ?? 2000,
			retries: target.retries ?? 0,
			transport: 'udp4' as const,
		};
		this.session = target.v3
			? snmp.createV3Session(target.host, toNetSnmpUser(target.v3), {...options, version: snmp.Version3})
			: snmp.createSession(target.host, target.community ?? 'public', {...options, version: snmp.Version2c});
		// A socket error must never become an unhandled 'error' event; requests fail on their own.
		this.session.on('error', () => {});
	}

	/** One GET PDU carrying every OID; resolves oid → value (null where the agent has none). */
	get(oids: readonly string[]): Promise<Map<string, SnmpValue>> {
		return new Promise((resolve, reject) => {
			if (this.closed) {
				reject(new SnmpRequestError(`session to ${describeTarget(this.target)} is closed`));
				return;
			}
			const discoveredBefore = this.engineDiscovered();
			try {
				this.session.get([...oids], (error, varbinds) => {
					if (error) {
						reject(this.translate(error, discoveredBefore));
						return;
					}
					this.answered = true;
					const result = new Map<string, SnmpValue>();
					oids.forEach((oid, i) => {
						const varbind = varbinds?.[i];
						result.set(oid, varbind ? convertVarbind(varbind) : null);
					});
					resolve(result);
				});
			} catch (error) {
				reject(this.translate(error, discoveredBefore));
			}
		});
	}

	/** GETNEXT walk of a subtree: [oid, value] pairs in agent order. */
	walk(rootOid: string): Promise<Array<[string, SnmpValue]>> {
		return new Promise((resolve, reject) => {
			const rows: Array<[string, SnmpValue]> = [];
			const discoveredBefore = this.engineDiscovered();
			try {
				this.session.subtree(
					rootOid,
					20,
					(varbinds: snmp.Varbind[]) => {
						for (const varbind of varbinds) {
							if (!snmp.isVarbindError(varbind)) rows.push([varbind.oid, convertVarbind(varbind)]);
						}
					},
					(error: Error | null) => {
						if (error) reject(this.translate(error, discoveredBefore));
						else {
							this.answered = true;
							resolve(rows);
						}
					},
				);
			} catch (error) {
				reject(this.translate(error, discoveredBefore));
			}
		});
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		try {
			this.session.close();
		} catch {
			// already closed
		}
	}

	private engineDiscovered(): boolean {
		const params = (this.session as unknown as {msgSecurityParameters?: {msgAuthoritativeEngineID?: unknown}})
			.msgSecurityParameters;
		return Boolean(params?.msgAuthoritativeEngineID);
	}

	private translate(error: unknown, discoveredBefore: boolean): KconError {
		const where = describeTarget(this.target);
		const e = error as {name?: string; message?: string; code?: number};
		if (e?.name === 'RequestTimedOutError') {
			// v3 with a wrong privacy key: the engine answers discovery, then snmpd silently drops
			// every encrypted request it cannot decrypt. Never answered + discovery answered = keys.
			if (this.target.v3 && !this.answered && (this.engineDiscovered() || discoveredBefore)) {
				return new SnmpAuthError(
					`${where}: the agent answered engine discovery but not the encrypted request (wrong privacy key?)`,
				);
			}
			const hint = this.target.v3 ? '' : ' (agent down, or wrong community)';
			return new SnmpTimeoutError(`${where}: no response within ${this.target.timeoutMs ?? 2000} ms${hint}`);
		}
		if (e?.name === 'ResponseInvalidError') {
			if (e.code === snmp.ResponseInvalidCode.EAuthFailure || e.code === snmp.ResponseInvalidCode.ECouldNotDecrypt) {
				// net-snmp's own message may carry digests; keep only the USM reason.
				const message = e.message ?? '';
				const reason = message.startsWith('Authentication digest')
					? 'wrong digest in response (auth key mismatch)'
					: message.startsWith('Failed to decrypt')
						? 'could not decrypt the response (privacy key mismatch)'
						: /^[A-Za-z ,()]+$/.test(message)
							? message
							: 'authentication failure';
				return new SnmpAuthError(`${where}: SNMPv3 authentication failed: ${reason}`);
			}
			return new SnmpRequestError(`${where}: invalid response: ${e.message}`);
		}
		if (e?.name === 'RequestFailedError') {
			return new SnmpRequestError(`${where}: agent error: ${e.message}`);
		}
		return new SnmpRequestError(`${where}: ${e?.message ?? String(error)}`);
	}
}

/** One-shot GET: opens a session, sends one PDU with all OIDs, closes. */
export async function snmpGet(target: SnmpTarget, oids: readonly string[]): Promise<Map<string, SnmpValue>> {
	const session = new SnmpSession(target);
	try {
		return await session.get(oids);
	} finally {
		session.close();
	}
}

/** One-shot walk of a subtree. */
export async function snmpWalk(target: SnmpTarget, rootOid: string): Promise<Array<[string, SnmpValue]>> {
	const session = new SnmpSession(target);
	try {
		return await session.walk(rootOid);
	} finally {
		session.close();
	}
}
