// Polls many SNMP agents on one steady interval.
// - Per tick, per agent: ONE GET PDU carrying every scalar OID plus the watched interface's OIDs.
// - The interface is found once per agent by walking ifDescr (eth0, else the first non-loopback),
//   never by assuming ifIndex 2; its ifDescr rides in every GET, so a renumbering is noticed.
// - Agents are independent: each has its own session, per-request timeout and in-flight flag; a
//   tick that finds an agent's previous request still running skips that agent (counted), so a
//   dead agent never delays or piles up work for the others.
// - Each agent has a state: ok, slow (answered, but late), partial (some OIDs missing),
//   unreachable (timeout), auth-error (SNMPv3 USM refusal), error (anything else), pending.
import {SnmpAuthError, SnmpSession, SnmpTimeoutError, type SnmpV3User, type SnmpValue} from './client.js';
import {COLUMN, OID, SCALAR_OIDS, columnOid, interfaceOids, parseLoad} from './oids.js';
import {chooseInterface, MetricsDeriver, type AgentState, type RawSample} from '../domain/metrics.js';
import {DEFAULT_WINDOW_MS, MetricHistory} from '../domain/metrics-history.js';

import type {AgentSpec} from '../domain/agent-spec.js';
export type {AgentSpec} from '../domain/agent-spec.js';

export type {AgentState, AgentStatus} from '../domain/metrics.js';

export interface PollerOptions {
	/** ms between ticks (default 1000) */
	intervalMs?: number;
	/** per-request timeout (default: 80 % of the interval, at most 5000 ms) */
	timeoutMs?: number;
	/** answers slower than this are 'slow' (default: half the timeout) */
	slowMs?: number;
	/** history window (default 10 minutes) */
	windowMs?: number;
	/** clock, for tests */
	now?: () => number;
}

const OPTIONAL = new Set<string>([OID.ssCpuRawNice, OID.ssCpuRawWait]);
const OID_NAMES = new Map<string, string>(Object.entries(OID).map(([name, oid]) => [oid, name]));

function num(value: SnmpValue | undefined): number | null {
	if (typeof value === 'number') return value;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

function big(value: SnmpValue | undefined): bigint | null {
	if (typeof value === 'bigint') return value;
	if (typeof value === 'number') return BigInt(Math.trunc(value));
	return null;
}

interface AgentRuntime {
	spec: AgentSpec;
	session: SnmpSession;
	deriver: MetricsDeriver;
	state: AgentState;
	busy: boolean;
	/** interface to watch; undefined = not discovered yet, null = agent has none */
	iface: {ifIndex: number; descr: string} | null | undefined;
	/** the GET's OIDs for `iface`, made once per discovered interface rather than every tick */
	request?: Request;
}

interface Request {
	for: {ifIndex: number; descr: string} | null;
	oids: readonly string[];
	iface: ReturnType<typeof interfaceOids> | null;
	ifDescrOid: string | null;
}

function requestFor(found: {ifIndex: number; descr: string} | null): Request {
	const iface = found ? interfaceOids(found.ifIndex) : null;
	const ifDescrOid = found ? columnOid(COLUMN.ifDescr, found.ifIndex) : null;
	const oids = iface && ifDescrOid ? [...SCALAR_OIDS, iface.hcIn, iface.hcOut, iface.in32, iface.out32, ifDescrOid] : [...SCALAR_OIDS];
	return {for: found, oids, iface, ifDescrOid};
}

export type AgentListener = (state: AgentState) => void;

export class AgentPoller {
	readonly history: MetricHistory;
	readonly intervalMs: number;
	readonly timeoutMs: number;
	readonly slowMs: number;
	/** ticks run so far */
	ticks = 0;
	private readonly runtimes: AgentRuntime[];
	private readonly listeners = new Set<AgentListener>();
	private readonly now: () => number;
	private timer: NodeJS.Timeout | undefined;
	private running = false;
	private nextTickAt = 0;

	constructor(agents: readonly AgentSpec[], options: PollerOptions = {}) {
		this.intervalMs = options.intervalMs ?? 1000;
		this.timeoutMs = options.timeoutMs ?? Math.min(5000, Math.max(200, Math.round(this.intervalMs * 0.8)));
		this.slowMs = options.slowMs ?? Math.round(this.timeoutMs / 2);
		this.now = options.now ?? Date.now;
		this.history = new MetricHistory(options.windowMs ?? DEFAULT_WINDOW_MS);
		const names = new Set<string>();
		this.runtimes = agents.map((spec) => {
			if (names.has(spec.name)) throw new Error(`two agents are named '${spec.name}'`);
			names.add(spec.name);
			return {
				spec,
				session: new SnmpSession({
					host: spec.host,
					port: spec.port,
					community: spec.community ?? 'public',
					v3: spec.v3,
					timeoutMs: this.timeoutMs,
					retries: 0,
				}),
				deriver: new MetricsDeriver(),
				busy: false,
				iface: undefined,
				state: {
					name: spec.name,
					address: `${spec.host}:${spec.port}`,
					security: spec.v3 ? `v3 ${spec.v3.name}` : 'v2c',
					status: 'pending',
					error: null,
					latencyMs: null,
					lastAnswerAt: null,
					lastAttemptAt: null,
					ifIndex: null,
					ifDescr: null,
					missing: [],
					metrics: null,
					requests: 0,
					skipped: 0,
				},
			};
		});
	}

	/** Called after every agent answer or failure. Returns an unsubscribe function. */
	subscribe(listener: AgentListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Current states, in the order the agents were given (copies). */
	states(): AgentState[] {
		return this.runtimes.map((r) => ({...r.state, missing: [...r.state.missing]}));
	}

	/** Start ticking now and then every interval (drift-corrected). */
	start(): void {
		if (this.running) return;
		this.running = true;
		this.nextTickAt = this.now();
		this.schedule();
	}

	stop(): void {
		this.running = false;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	/** Stop and close every session (pending requests fail). */
	close(): void {
		this.stop();
		for (const runtime of this.runtimes) runtime.session.close();
	}

	/** One tick: every idle agent gets its request; resolves when all of this tick's requests ended. */
	async pollOnce(): Promise<void> {
		this.ticks++;
		await Promise.all(this.runtimes.map((runtime) => this.pollAgent(runtime)));
	}

	private schedule(): void {
		if (!this.running) return;
		const delay = Math.max(0, this.nextTickAt - this.now());
		this.timer = setTimeout(() => {
			if (!this.running) return;
			this.nextTickAt += this.intervalMs;
			// after a long stall (suspended laptop), don't fire a burst of catch-up ticks
			if (this.nextTickAt < this.now()) this.nextTickAt = this.now() + this.intervalMs;
			void this.pollOnce();
			this.schedule();
		}, delay);
		this.timer.unref?.();
	}

	private emit(runtime: AgentRuntime): void {
		const copy = {...runtime.state, missing: [...runtime.state.missing]};
		for (const listener of this.listeners) {
			try {
				listener(copy);
			} catch {
				// a listener's bug must not stop polling
			}
		}
	}

	private async pollAgent(runtime: AgentRuntime): Promise<void> {
		if (runtime.busy) {
			runtime.state.skipped++;
			return;
		}
		runtime.busy = true;
		const state = runtime.state;
		const started = this.now();
		state.lastAttemptAt = started;
		try {
			if (runtime.iface === undefined) await this.discoverInterface(runtime);
			if (runtime.request?.for !== runtime.iface) runtime.request = requestFor(runtime.iface ?? null);
			const {oids, iface, ifDescrOid} = runtime.request!;
			const requestStarted = this.now();
			state.requests++;
			const values = await runtime.session.get(oids);
			const at = this.now();
			const latency = at - requestStarted;

			const missing = SCALAR_OIDS.filter((oid) => !OPTIONAL.has(oid) && values.get(oid) == null).map(
				(oid) => OID_NAMES.get(oid) ?? oid,
			);
			let ifIndex: number | null = runtime.iface?.ifIndex ?? null;
			if (runtime.iface && ifDescrOid && values.get(ifDescrOid) !== runtime.iface.descr) {
				// renumbered or gone: find it again next tick, no rates from this answer
				runtime.iface = undefined;
				ifIndex = null;
			}
			if (runtime.iface === null) missing.push('interface (no non-loopback ifDescr)');

			const sample: RawSample = {
				at,
				sysName: typeof values.get(OID.sysName) === 'string' ? (values.get(OID.sysName) as string) : null,
				uptimeTicks: num(values.get(OID.sysUpTime)),
				memTotalKB: num(values.get(OID.memTotalReal)),
				memAvailKB: num(values.get(OID.memAvailReal)),
				cpu: {
					user: num(values.get(OID.ssCpuRawUser)),
					nice: num(values.get(OID.ssCpuRawNice)),
					system: num(values.get(OID.ssCpuRawSystem)),
					idle: num(values.get(OID.ssCpuRawIdle)),
					wait: num(values.get(OID.ssCpuRawWait)),
				},
				load1: parseLoad(values.get(OID.laLoad1)),
				diskPercent: num(values.get(OID.dskPercent1)),
				ifIndex,
				ifDescr: runtime.iface?.descr ?? null,
				hcInOctets: iface && ifIndex !== null ? big(values.get(iface.hcIn)) : null,
				hcOutOctets: iface && ifIndex !== null ? big(values.get(iface.hcOut)) : null,
				inOctets32: iface && ifIndex !== null ? num(values.get(iface.in32)) : null,
				outOctets32: iface && ifIndex !== null ? num(values.get(iface.out32)) : null,
			};
			const metrics = runtime.deriver.update(sample);
			this.history.append(state.name, at, metrics);
			state.metrics = metrics;
			state.latencyMs = latency;
			state.lastAnswerAt = at;
			state.ifIndex = runtime.iface?.ifIndex ?? null;
			state.ifDescr = runtime.iface?.descr ?? null;
			state.missing = missing;
			if (missing.length > 0) {
				state.status = 'partial';
				state.error = `missing: ${missing.join(', ')}`;
			} else if (latency > this.slowMs) {
				state.status = 'slow';
				state.error = `answered in ${latency} ms`;
			} else {
				state.status = 'ok';
				state.error = null;
			}
		} catch (error) {
			state.status =
				error instanceof SnmpTimeoutError ? 'unreachable' : error instanceof SnmpAuthError ? 'auth-error' : 'error';
			state.error = error instanceof Error ? error.message : String(error);
			// keep the last metrics (the view greys them), but the history shows the gap
			this.history.append(state.name, this.now(), {});
			if (runtime.iface === null) runtime.iface = undefined; // try discovery again when it answers
		} finally {
			runtime.busy = false;
		}
		this.emit(runtime);
	}

	private async discoverInterface(runtime: AgentRuntime): Promise<void> {
		const rows = await runtime.session.walk(COLUMN.ifDescr);
		// net-snmp walks with GETBULK (20 rows per request) for v2c/v3: count the round trips honestly
		runtime.state.requests += Math.max(1, Math.ceil((rows.length + 1) / 20));
		const prefix = COLUMN.ifDescr + '.';
		const interfaces = rows
			.filter(([oid, value]) => oid.startsWith(prefix) && typeof value === 'string')
			.map(([oid, value]) => ({ifIndex: Number(oid.slice(prefix.length)), descr: value as string}))
			.filter((row) => Number.isInteger(row.ifIndex));
		runtime.iface = chooseInterface(interfaces);
	}
}
