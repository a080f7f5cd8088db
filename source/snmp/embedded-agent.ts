// An in-process SNMP agent (net-snmp createAgent) that looks like a Raspberry Pi's Net-SNMP snmpd:
// the lab's nine OIDs plus sysName, sysUpTime, memTotalReal/memAvailReal, ssCpuRaw* counters,
// laTable, dskTable (`disk /`), ifTable (lo at ifIndex 1, eth0 at 2) with Counter32 octets that
// grow and wrap, and ifXTable with Counter64 HC octets. Values follow a varying, Pi-like load.
import dgram from 'node:dgram';
import snmp from 'net-snmp';
import type {SnmpV3User} from './client.js';

export interface EmbeddedAgentOptions {
	host: string;
	port: number;
	/** v2c community, default `public` */
	community?: string;
	/** sysName, default `pi` (every lab Pi may have the same hostname) */
	name?: string;
	/** extra SNMPv3 users (auth SHA/SHA-256, priv AES) */
	users?: SnmpV3User[];
	/** eth0 octet totals start this many bytes below 2^32, so Counter32 wraps soon (default 64 MiB) */
	bytesBeforeWrap?: number;
	/** seed for the synthetic load (default: derived from host:port) */
	seed?: number;
	/** memTotalReal in kB (default 3884328, a 4 GB Pi 4) */
	memTotalKB?: number;
	/** mean eth0 receive rate in bytes/s (default: 0.2–1.7 MB/s, from the seed) */
	rxBytesPerSec?: number;
	/** serve ifXTable (ifHC* Counter64); false = an old agent with Counter32 octets only */
	counters64?: boolean;
}

export interface EmbeddedAgent {
	host: string;
	port: number;
	stop(): Promise<void>;
	/** the simulated truth right now (tests compare SNMP answers with it) */
	snapshot(): SimulatedState;
}

export interface SimulatedState {
	uptimeTicks: number;
	cpuUser: number;
	cpuNice: number;
	cpuSystem: number;
	cpuIdle: number;
	cpuWait: number;
	load: [number, number, number];
	memTotalKB: number;
	memAvailKB: number;
	diskPercent: number;
	rxTotal: bigint;
	txTotal: bigint;
	loTotal: bigint;
	rxErrors: number;
	txErrors: number;
	rxDrops: number;
	txDrops: number;
}

const TWO32 = 2 ** 32;
const TICKS_PER_SECOND = 100;
const CORES = 4;

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function hashSeed(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

function counter64Buffer(value: bigint): Buffer {
	const buffer = Buffer.alloc(8);
	buffer.writeBigUInt64BE(BigInt.asUintN(64, value));
	return buffer;
}

/** Pi-like load: CPU busy fraction, network rates, memory, evolving smoothly with noise. */
class Simulation {
	private readonly random: () => number;
	private readonly started = Date.now();
	private last = Date.now();
	private readonly phase: number;
	private readonly baseBusy: number;
	private readonly baseRx: number;
	private readonly baseTx: number;
	state: SimulatedState;

	constructor(seed: number, bytesBeforeWrap: number, memTotalKB: number, rxBytesPerSec?: number) {
		this.random = mulberry32(seed);
		this.phase = this.random() * Math.PI * 2;
		this.baseBusy = 0.08 + this.random() * 0.2;
		this.baseRx = 200_000 + this.random() * 1_500_000; // bytes/s
		if (rxBytesPerSec !== undefined) this.baseRx = rxBytesPerSec;
		this.baseTx = 20_000 + this.random() * 300_000;
		const start = BigInt(TWO32 - bytesBeforeWrap);
		this.state = {
			uptimeTicks: 0,
			cpuUser: Math.floor(this.random() * 1e6),
			cpuNice: Math.floor(this.random() * 1e4),
			cpuSystem: Math.floor(this.random() * 3e5),
			cpuIdle: Math.floor(this.random() * 1e7),
			cpuWait: Math.floor(this.random() * 1e4),
			load: [0.3, 0.3, 0.3],
			memTotalKB,
			memAvailKB: Math.floor(memTotalKB * 0.7),
			diskPercent: 5 + Math.floor(this.random() * 20),
			rxTotal: start + BigInt(Math.floor(this.random() * 1_000_000)),
			txTotal: start / 4n,
			loTotal: BigInt(Math.floor(this.random() * 1e8)),
			rxErrors: 0,
			txErrors: 0,
			rxDrops: Math.floor(this.random() * 3000),
			txDrops: 0,
		};
	}

	/** Advance the simulation to now; at most every 50 ms (one refresh serves a whole PDU). */
	advance(): boolean {
		const now = Date.now();
		const dt = (now - this.last) / 1000;
		if (dt < 0.05) return false;
		this.last = now;
		const t = (now - this.started) / 1000;
		const s = this.state;
		const wave = Math.sin(t / 20 + this.phase) * 0.5 + 0.5; // slow swing, ~2 min period
		const busy = Math.min(0.98, Math.max(0.01, this.baseBusy + wave * 0.35 + (this.random() - 0.5) * 0.1));
		const ticks = CORES * TICKS_PER_SECOND * dt;
		s.uptimeTicks = Math.floor((now - this.started) / 10);
		s.cpuUser += ticks * busy * 0.7;
		s.cpuSystem += ticks * busy * 0.25;
		s.cpuNice += ticks * busy * 0.05;
		s.cpuIdle += ticks * (1 - busy) * 0.98;
		s.cpuWait += ticks * (1 - busy) * 0.02;
		const running = busy * CORES;
		const decay = (period: number) => Math.exp(-dt / period);
		s.load = [
			s.load[0] * decay(60) + running * (1 - decay(60)),
			s.load[1] * decay(300) + running * (1 - decay(300)),
			s.load[2] * decay(900) + running * (1 - decay(900)),
		];
		const memUsedFraction = 0.25 + wave * 0.2 + (this.random() - 0.5) * 0.02;
		s.memAvailKB = Math.floor(s.memTotalKB * (1 - memUsedFraction));
		const rxRate = this.baseRx * (0.4 + wave * 1.2) * (0.85 + this.random() * 0.3);
		const txRate = this.baseTx * (0.4 + wave) * (0.85 + this.random() * 0.3);
		s.rxTotal += BigInt(Math.floor(rxRate * dt));
		s.txTotal += BigInt(Math.floor(txRate * dt));
		s.loTotal += BigInt(Math.floor(5_000 * dt));
		if (this.random() < 0.02) s.rxDrops += 1;
		if (this.random() < 0.002) s.rxErrors += 1;
		return true;
	}
}

const RO = snmp.MaxAccess['read-only'];
const NA = snmp.MaxAccess['not-accessible'];

function scalar(name: string, oid: string, type: snmp.ObjectType) {
	return {name, type: snmp.MibProviderType.Scalar, oid, scalarType: type, maxAccess: RO};
}

/** Start the agent; resolves once its socket is bound. */
export async function startEmbeddedAgent(options: EmbeddedAgentOptions): Promise<EmbeddedAgent> {
	const community = options.community ?? 'public';
	const sysName = options.name ?? 'pi';
	const seed = options.seed ?? hashSeed(`${options.host}:${options.port}:${sysName}`);
	const sim = new Simulation(
		seed,
		options.bytesBeforeWrap ?? 64 * 1024 * 1024,
		options.memTotalKB ?? 3_884_328,
		options.rxBytesPerSec,
	);

	// Bind errors (port taken) arrive on the socket; the agent callback also gets per-packet
	// errors (bad community, undecodable packet), which an agent simply ignores, like snmpd.
	let bindError: ((error: Error) => void) | undefined;
	const agent = snmp.createAgent(
		{port: options.port, address: options.host, transport: 'udp4', disableAuthorization: false},
		(error: Error | null) => {
			if (error && (error as NodeJS.ErrnoException).syscall === 'bind') bindError?.(error);
		},
	);
	const authorizer = agent.getAuthorizer();
	authorizer.addCommunity(community);
	for (const user of options.users ?? []) {
		authorizer.addUser({
			name: user.name,
			level: user.privKey
				? snmp.SecurityLevel.authPriv
				: user.authKey
					? snmp.SecurityLevel.authNoPriv
					: snmp.SecurityLevel.noAuthNoPriv,
			authProtocol: user.authProtocol === 'sha256' ? snmp.AuthProtocols.sha256 : snmp.AuthProtocols.sha,
			authKey: user.authKey,
			privProtocol: snmp.PrivProtocols.aes,
			privKey: user.privKey,
		});
	}

	const mib = agent.getMib();
	const refresh = (request: {done: () => void}) => {
		if (sim.advance()) publish();
		request.done();
	};

	const scalars = [
		scalar('sysDescr', '1.3.6.1.2.1.1.1', snmp.ObjectType.OctetString),
		scalar('sysObjectID', '1.3.6.1.2.1.1.2', snmp.ObjectType.OID),
		scalar('sysUpTime', '1.3.6.1.2.1.1.3', snmp.ObjectType.TimeTicks),
		scalar('sysContact', '1.3.6.1.2.1.1.4', snmp.ObjectType.OctetString),
		scalar('sysName', '1.3.6.1.2.1.1.5', snmp.ObjectType.OctetString),
		scalar('sysLocation', '1.3.6.1.2.1.1.6', snmp.ObjectType.OctetString),
		scalar('ifNumber', '1.3.6.1.2.1.2.1', snmp.ObjectType.Integer),
		scalar('memTotalSwap', '1.3.6.1.4.1.2021.4.3', snmp.ObjectType.Integer),
		scalar('memAvailSwap', '1.3.6.1.4.1.2021.4.4', snmp.ObjectType.Integer),
		scalar('memTotalReal', '1.3.6.1.4.1.2021.4.5', snmp.ObjectType.Integer),
		scalar('memAvailReal', '1.3.6.1.4.1.2021.4.6', snmp.ObjectType.Integer),
		scalar('ssCpuRawUser', '1.3.6.1.4.1.2021.11.50', snmp.ObjectType.Counter32),
		scalar('ssCpuRawNice', '1.3.6.1.4.1.2021.11.51', snmp.ObjectType.Counter32),
		scalar('ssCpuRawSystem', '1.3.6.1.4.1.2021.11.52', snmp.ObjectType.Counter32),
		scalar('ssCpuRawIdle', '1.3.6.1.4.1.2021.11.53', snmp.ObjectType.Counter32),
		scalar('ssCpuRawWait', '1.3.6.1.4.1.2021.11.54', snmp.ObjectType.Counter32),
	];
	for (const provider of scalars) mib.registerProvider({...provider, handler: refresh});

	const column = (number: number, name: string, type: snmp.ObjectType, maxAccess = RO) => ({
		number,
		name,
		type,
		maxAccess,
	});
	mib.registerProvider({
		name: 'ifEntry',
		type: snmp.MibProviderType.Table,
		oid: '1.3.6.1.2.1.2.2.1',
		maxAccess: NA,
		tableColumns: [
			column(1, 'ifIndex', snmp.ObjectType.Integer),
			column(2, 'ifDescr', snmp.ObjectType.OctetString),
			column(3, 'ifType', snmp.ObjectType.Integer),
			column(4, 'ifMtu', snmp.ObjectType.Integer),
			column(5, 'ifSpeed', snmp.ObjectType.Gauge32),
			column(7, 'ifAdminStatus', snmp.ObjectType.Integer),
			column(8, 'ifOperStatus', snmp.ObjectType.Integer),
			column(10, 'ifInOctets', snmp.ObjectType.Counter32),
			column(13, 'ifInDiscards', snmp.ObjectType.Counter32),
			column(14, 'ifInErrors', snmp.ObjectType.Counter32),
			column(16, 'ifOutOctets', snmp.ObjectType.Counter32),
			column(19, 'ifOutDiscards', snmp.ObjectType.Counter32),
			column(20, 'ifOutErrors', snmp.ObjectType.Counter32),
		],
		tableIndex: [{columnName: 'ifIndex'}],
		handler: refresh,
	});
	const hc = options.counters64 !== false;
	if (hc) mib.registerProvider({
		name: 'ifXEntry',
		type: snmp.MibProviderType.Table,
		oid: '1.3.6.1.2.1.31.1.1.1',
		maxAccess: NA,
		tableColumns: [
			column(1, 'ifName', snmp.ObjectType.OctetString),
			column(6, 'ifHCInOctets', snmp.ObjectType.Counter64),
			column(10, 'ifHCOutOctets', snmp.ObjectType.Counter64),
		],
		tableAugments: 'ifEntry',
		handler: refresh,
	});
	mib.registerProvider({
		name: 'dskEntry',
		type: snmp.MibProviderType.Table,
		oid: '1.3.6.1.4.1.2021.9.1',
		maxAccess: NA,
		tableColumns: [
			column(1, 'dskIndex', snmp.ObjectType.Integer),
			column(2, 'dskPath', snmp.ObjectType.OctetString),
			column(3, 'dskDevice', snmp.ObjectType.OctetString),
			column(9, 'dskPercent', snmp.ObjectType.Integer),
		],
		tableIndex: [{columnName: 'dskIndex'}],
		handler: refresh,
	});
	mib.registerProvider({
		name: 'laEntry',
		type: snmp.MibProviderType.Table,
		oid: '1.3.6.1.4.1.2021.10.1',
		maxAccess: NA,
		tableColumns: [
			column(1, 'laIndex', snmp.ObjectType.Integer),
			column(2, 'laNames', snmp.ObjectType.OctetString),
			column(3, 'laLoad', snmp.ObjectType.OctetString),
			column(5, 'laLoadInt', snmp.ObjectType.Integer),
		],
		tableIndex: [{columnName: 'laIndex'}],
		handler: refresh,
	});

	mib.setScalarValue('sysDescr', 'Linux pi 6.6.51+rpt-rpi-v8 #1 SMP PREEMPT Debian aarch64 (kcon embedded agent)');
	mib.setScalarValue('sysObjectID', '1.3.6.1.4.1.8072.3.2.10');
	mib.setScalarValue('sysContact', 'Me <me@example.org>');
	mib.setScalarValue('sysName', sysName);
	mib.setScalarValue('sysLocation', 'SmartX-Mini lab');
	mib.setScalarValue('ifNumber', 2);
	mib.setScalarValue('memTotalSwap', 102396);
	mib.setScalarValue('memAvailSwap', 102396);
	const s0 = sim.state;
	const c32 = (v: bigint | number) => Number(BigInt.asUintN(32, BigInt(Math.floor(Number(v)))));
	// ifType: 24 softwareLoopback, 6 ethernetCsmacd; status 1 = up
	mib.addTableRow('ifEntry', [1, 'lo', 24, 65536, 10_000_000, 1, 1, 0, 0, 0, 0, 0, 0]);
	mib.addTableRow('ifEntry', [2, 'eth0', 6, 1500, 1_000_000_000, 1, 1, 0, 0, 0, 0, 0, 0]);
	if (hc) {
		mib.addTableRow('ifXEntry', [1, 'lo', counter64Buffer(0n), counter64Buffer(0n)]);
		mib.addTableRow('ifXEntry', [2, 'eth0', counter64Buffer(0n), counter64Buffer(0n)]);
	}
	mib.addTableRow('dskEntry', [1, '/', '/dev/mmcblk0p2', s0.diskPercent]);
	mib.addTableRow('laEntry', [1, 'Load-1', '0.00', 0]);
	mib.addTableRow('laEntry', [2, 'Load-5', '0.00', 0]);
	mib.addTableRow('laEntry', [3, 'Load-15', '0.00', 0]);

	function publish(): void {
		const s = sim.state;
		mib.setScalarValue('sysUpTime', s.uptimeTicks);
		mib.setScalarValue('memTotalReal', s.memTotalKB);
		mib.setScalarValue('memAvailReal', s.memAvailKB);
		mib.setScalarValue('ssCpuRawUser', c32(s.cpuUser));
		mib.setScalarValue('ssCpuRawNice', c32(s.cpuNice));
		mib.setScalarValue('ssCpuRawSystem', c32(s.cpuSystem));
		mib.setScalarValue('ssCpuRawIdle', c32(s.cpuIdle));
		mib.setScalarValue('ssCpuRawWait', c32(s.cpuWait));
		// lo: in == out
		mib.setTableSingleCell('ifEntry', 10, [1], c32(s.loTotal));
		mib.setTableSingleCell('ifEntry', 16, [1], c32(s.loTotal));
		if (hc) {
			mib.setTableSingleCell('ifXEntry', 6, [1], counter64Buffer(s.loTotal));
			mib.setTableSingleCell('ifXEntry', 10, [1], counter64Buffer(s.loTotal));
			mib.setTableSingleCell('ifXEntry', 6, [2], counter64Buffer(s.rxTotal));
			mib.setTableSingleCell('ifXEntry', 10, [2], counter64Buffer(s.txTotal));
		}
		mib.setTableSingleCell('ifEntry', 10, [2], c32(s.rxTotal));
		mib.setTableSingleCell('ifEntry', 13, [2], s.rxDrops);
		mib.setTableSingleCell('ifEntry', 14, [2], s.rxErrors);
		mib.setTableSingleCell('ifEntry', 16, [2], c32(s.txTotal));
		mib.setTableSingleCell('ifEntry', 19, [2], s.txDrops);
		mib.setTableSingleCell('ifEntry', 20, [2], s.txErrors);
		mib.setTableSingleCell('dskEntry', 9, [1], s.diskPercent);
		s.load.forEach((value, i) => {
			mib.setTableSingleCell('laEntry', 3, [i + 1], value.toFixed(2));
			mib.setTableSingleCell('laEntry', 5, [i + 1], Math.round(value * 100));
		});
	}
	sim.advance();
	publish();

	await new Promise<void>((resolve, reject) => {
		const sockets = Object.values(agent.listener?.sockets ?? {}) as dgram.Socket[];
		let pending = sockets.length;
		if (pending === 0) resolve();
		bindError = (error) => {
			try {
				agent.close();
			} catch {
				// not bound
			}
			reject(new Error(`embedded agent cannot bind udp:${options.host}:${options.port}: ${error.message}`));
		};
		for (const socket of sockets) {
			socket.once('listening', () => {
				if (--pending === 0) resolve();
			});
		}
	});

	let stopped = false;
	return {
		host: options.host,
		port: options.port,
		snapshot: () => {
			if (sim.advance()) publish();
			return structuredClone(sim.state);
		},
		stop: () =>
			new Promise<void>((resolve) => {
				if (stopped) return resolve();
				stopped = true;
				let pending = Object.keys(agent.listener?.sockets ?? {}).length;
				if (pending === 0) return resolve();
				agent.close(() => {
					if (--pending <= 0) resolve();
				});
			}),
	};
}
