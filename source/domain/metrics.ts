// Host metrics of a Pi agent from raw SNMP samples (pure: no I/O, no net-snmp).
//
// - CPU %: from ssCpuRaw* tick counters (Counter32) between two samples: busy = user+nice+system,
//   total = busy+idle+wait. (ssCpuIdle / hrProcessorLoad are missing for ~60 s after snmpd starts;
//   the raw counters read 0 until snmpd's first CPU load, which we treat as "no sample yet".)
// - Network rates: ifHCIn/OutOctets (Counter64) where the agent has them, else ifIn/OutOctets
//   (Counter32) with wrap-around at 2^32. A counter that goes back while the agent's uptime also
//   went back is a restart, not a wrap: no rate for that step.
// - Net-SNMP caches its tables (ifTable ~3 s, CPU and memory ~5 s), so at 1 Hz most samples repeat
//   the previous value. A rate is therefore taken between *distinct* values, timed from when each
//   value was first seen; while a value repeats, the last rate is carried, until `staleMs` without
//   change, after which the counter really stood still: rate 0.
// - Memory used % = (memTotalReal − memAvailReal) / memTotalReal; disk % = dskPercent.1;
//   load = laLoad.1.

import type {SeriesByMetric} from './metrics-history.js';

export const TWO_32 = 2n ** 32n;
export const TWO_64 = 2n ** 64n;

export interface CpuRaw {
	user: number | null;
	nice: number | null;
	system: number | null;
	idle: number | null;
	wait: number | null;
}

/** One answer of one agent, already decoded (the poller builds it from the SNMP GET). */
export interface RawSample {
	/** ms since the epoch when the answer arrived */
	at: number;
	sysName: string | null;
	/** sysUpTime in 1/100 s */
	uptimeTicks: number | null;
	memTotalKB: number | null;
	memAvailKB: number | null;
	cpu: CpuRaw;
	load1: number | null;
	diskPercent: number | null;
	/** the interface the rates are for (found by ifDescr), null when none was found */
	ifIndex: number | null;
	ifDescr: string | null;
	hcInOctets: bigint | null;
	hcOutOctets: bigint | null;
	inOctets32: number | null;
	outOctets32: number | null;
}

export interface DerivedMetrics {
	sysName: string | null;
	uptimeSeconds: number | null;
	cpuPercent: number | null;
	load1: number | null;
	memTotalKB: number | null;
	memAvailKB: number | null;
	memUsedPercent: number | null;
	diskPercent: number | null;
	rxBytesPerSec: number | null;
	txBytesPerSec: number | null;
	/** which counters the rates came from: 64 (ifHC*), 32 (ifIn/OutOctets), null (none yet) */
	counterBits: 64 | 32 | null;
}

/** What the poller knows about one agent; what views and `describe agents` show. */
export type AgentStatus = 'pending' | 'ok' | 'slow' | 'partial' | 'unreachable' | 'auth-error' | 'error';

export interface AgentState {
	name: string;
	/** host:port */
	address: string;
	/** 'v2c' or 'v3 <user>' (never a secret) */
	security: string;
	status: AgentStatus;
	/** why it is not ok (null when ok) */
	error: string | null;
	/** round trip of the last answer, ms */
	latencyMs: number | null;
	/** ms epoch of the last answer */
	lastAnswerAt: number | null;
	/** ms epoch of the last attempt */
	lastAttemptAt: number | null;
	ifIndex: number | null;
	ifDescr: string | null;
	/** OIDs (by name) the agent did not have in the last answer */
	missing: string[];
	metrics: DerivedMetrics | null;
	/** requests sent to this agent (GETs and walk steps) */
	requests: number;
	/** ticks skipped because the previous request was still running */
	skipped: number;
}

/** What the console's agents views read: stable between changes (for useSyncExternalStore). */
export interface AgentsSnapshot {
	states: AgentState[];
	/** per agent name, its metric history (oldest first) */
	series: Record<string, SeriesByMetric>;
	windowMs: number;
}

/** A live feed of agent states (source/snmp/agent-source.ts implements it over the poller). */
export interface AgentSource {
	/** the first subscriber starts polling; returns an unsubscribe function */
	subscribe(listener: () => void): () => void;
	snapshot(): AgentsSnapshot;
}

/** Answered its last request (possibly late or with some OIDs missing). */
export function agentAnswered(status: AgentStatus): boolean {
	return status === 'ok' || status === 'slow' || status === 'partial';
}

/** For the overview's health strip: "agents up M/N". */
export function agentsUp(states: ReadonlyArray<{status: AgentStatus}>): {up: number; total: number} {
	return {up: states.filter((s) => agentAnswered(s.status)).length, total: states.length};
}

/** Increase of a counter from `previous` to `current`, wrapping at 2^bits (one wrap at most). */
export function counterDelta(previous: bigint, current: bigint, bits: 32 | 64): bigint {
	if (current >= previous) return current - previous;
	return current + (bits === 32 ? TWO_32 : TWO_64) - previous;
}

/** Rate per second of a counter, from distinct values (see the header). */
export class CounterRate {
	private base: {value: bigint; firstSeen: number} | null = null;
	private lastRate: number | null = null;

	constructor(
		private readonly bits: 32 | 64,
		private readonly staleMs = 5_000,
	) {}

	/** `restarted`: the agent restarted since the last sample (its counters began again). */
	update(value: bigint | number | null, at: number, restarted = false): number | null {
		if (value === null) return null;
		const v = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
		if (this.base === null || restarted) {
			this.base = {value: v, firstSeen: at};
			this.lastRate = null;
			return null;
		}
		if (v === this.base.value) {
			if (at - this.base.firstSeen >= this.staleMs) this.lastRate = 0;
			return this.lastRate;
		}
		if (this.bits === 64 && v < this.base.value) {
			// a 64-bit counter does not wrap in practice: the agent's counters were reset
			this.base = {value: v, firstSeen: at};
			this.lastRate = null;
			return null;
		}
		const seconds = (at - this.base.firstSeen) / 1000;
		const delta = counterDelta(this.base.value, v, this.bits);
		this.base = {value: v, firstSeen: at};
		if (seconds <= 0) return this.lastRate;
		this.lastRate = Number(delta) / seconds;
		return this.lastRate;
	}
}

const c32 = (v: number) => BigInt(Math.trunc(v));

/** CPU busy % from ssCpuRaw* counters (Counter32 ticks), between distinct samples. */
export class CpuMeter {
	private base: CpuRaw | null = null;
	private lastPercent: number | null = null;

	update(raw: CpuRaw, restarted = false): number | null {
		const {user, system, idle} = raw;
		if (user === null || system === null || idle === null) return null;
		if (user === 0 && system === 0 && idle === 0) return this.lastPercent; // snmpd not loaded yet
		if (this.base === null || restarted) {
			this.base = raw;
			this.lastPercent = null;
			return null;
		}
		const d = (a: number | null, b: number | null) => (a === null || b === null ? 0n : counterDelta(c32(a), c32(b), 32));
		const busy = d(this.base.user, user) + d(this.base.nice, raw.nice) + d(this.base.system, system);
		const total = busy + d(this.base.idle, idle) + d(this.base.wait, raw.wait);
		if (total === 0n) return this.lastPercent; // cached: nothing new
		this.base = raw;
		this.lastPercent = Math.min(100, Math.max(0, (Number(busy) / Number(total)) * 100));
		return this.lastPercent;
	}
}

export function memUsedPercent(totalKB: number | null, availKB: number | null): number | null {
	if (totalKB === null || availKB === null || totalKB <= 0) return null;
	return Math.min(100, Math.max(0, ((totalKB - availKB) / totalKB) * 100));
}

/** Per-agent state turning raw samples into metrics. One instance per agent. */
export class MetricsDeriver {
	private cpu = new CpuMeter();
	private rx: CounterRate;
	private tx: CounterRate;
	private bits: 64 | 32 | null = null;
	private ifIndex: number | null = null;
	private lastUptime: number | null = null;
	private clock: 'agent' | 'local' | null = null;

	constructor(private readonly staleMs = 5_000) {
		this.rx = new CounterRate(64, staleMs);
		this.tx = new CounterRate(64, staleMs);
	}

	update(sample: RawSample): DerivedMetrics {
		const restarted =
			sample.uptimeTicks !== null && this.lastUptime !== null && sample.uptimeTicks < this.lastUptime;
		if (sample.uptimeTicks !== null) this.lastUptime = sample.uptimeTicks;

		// Rates are taken on the agent's clock (sysUpTime of the same PDU, in centiseconds) where it
		// sends one: that is when the counters were read, so the poller's own delays — a busy event
		// loop, a slow answer — neither stretch nor shrink the interval. Without it, the time the
		// answer arrived. A change of clock starts the counters' history again.
		const clock = sample.uptimeTicks !== null ? 'agent' : 'local';
		const at = clock === 'agent' ? sample.uptimeTicks! * 10 : sample.at;
		const clockChanged = this.clock !== null && clock !== this.clock;
		this.clock = clock;

		const useHc = sample.hcInOctets !== null && sample.hcOutOctets !== null;
		const bits: 64 | 32 | null = useHc ? 64 : sample.inOctets32 !== null && sample.outOctets32 !== null ? 32 : null;
		if (bits !== this.bits || sample.ifIndex !== this.ifIndex || clockChanged) {
			// a different counter source (or interface) starts its own history
			this.bits = bits;
			this.ifIndex = sample.ifIndex;
			if (bits) {
				this.rx = new CounterRate(bits, this.staleMs);
				this.tx = new CounterRate(bits, this.staleMs);
			}
		}
		let rxRate: number | null = null;
		let txRate: number | null = null;
		if (bits === 64) {
			rxRate = this.rx.update(sample.hcInOctets, at, restarted);
			txRate = this.tx.update(sample.hcOutOctets, at, restarted);
		} else if (bits === 32) {
			rxRate = this.rx.update(sample.inOctets32, at, restarted);
			txRate = this.tx.update(sample.outOctets32, at, restarted);
		}

		return {
			sysName: sample.sysName,
			uptimeSeconds: sample.uptimeTicks === null ? null : Math.floor(sample.uptimeTicks / 100),
			cpuPercent: this.cpu.update(sample.cpu, restarted),
			load1: sample.load1,
			memTotalKB: sample.memTotalKB,
			memAvailKB: sample.memAvailKB,
			memUsedPercent: memUsedPercent(sample.memTotalKB, sample.memAvailKB),
			diskPercent: sample.diskPercent,
			rxBytesPerSec: rxRate,
			txBytesPerSec: txRate,
			counterBits: bits,
		};
	}
}

/** Pick the interface to watch from ifDescr rows: eth0, else the first non-loopback one. */
export function chooseInterface(rows: ReadonlyArray<{ifIndex: number; descr: string}>): {ifIndex: number; descr: string} | null {
	const sorted = [...rows].sort((a, b) => a.ifIndex - b.ifIndex);
	const eth0 = sorted.find((r) => r.descr === 'eth0');
	if (eth0) return eth0;
	const loopback = (d: string) => d === 'lo' || /^lo\d*$/.test(d) || /loopback/i.test(d);
	return sorted.find((r) => !loopback(r.descr)) ?? null;
}

/** "1.2 MB/s"-style byte rates (decimal units, like network tools). */
export function formatRate(bytesPerSec: number | null): string {
	if (bytesPerSec === null) return '–';
	const units = ['B/s', 'kB/s', 'MB/s', 'GB/s'];
	let v = bytesPerSec;
	let i = 0;
	while (v >= 1000 && i < units.length - 1) {
		v /= 1000;
		i++;
	}
	return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** "3d 4h", "5h 12m", "7m 3s". */
export function formatUptime(seconds: number | null): string {
	if (seconds === null) return '–';
	const d = Math.floor(seconds / 86400);
	const h = Math.floor((seconds % 86400) / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	const s = Math.floor(seconds % 60);
	if (d > 0) return `${d}d ${h}h`;
	if (h > 0) return `${h}h ${m}m`;
	return `${m}m ${s}s`;
}
