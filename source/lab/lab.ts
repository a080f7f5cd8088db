// `kcon lab up|down|status` as a library: bring the lab up (idempotently), report it, take it down.
import fs from 'node:fs';
import {KconError} from '../errors.js';
import {ensureTopic} from '../kafka/lab-clients.js';
import {DEFAULT_KAFKA_VERSION, fetchKafka, requireTool, type KafkaInstall} from './fetch.js';
import {kafkaUuid, planNodes, prepareNodes, spawnNode} from './kafka-nodes.js';
import {planKeptLab} from './kept-lab.js';
import {canConnect, lastLines, portFree, portOwner, stopProcess, waitFor} from './processes.js';
import {
	bootstrapOf,
	labDir,
	processAlive,
	readLabState,
	writeLabState,
	type CollectorFormat,
	type KafkaNode,
	type LabProcess,
	type LabState,
	type PiAgentKind,
	type Topology,
} from './state.js';
import {RESOURCE_TOPIC, startPis, stopWorkers} from './pis.js';
import {writeErr} from '../terminal-out.js';
export {RESOURCE_TOPIC, TOWER_GROUP, TOWER_BACKUP_GROUP, agentPort} from './pis.js';


export interface UpOptions {
	kafkaVersion?: string;
	topology?: Topology;
	basePort?: number;
	pis?: number;
	piAgent?: PiAgentKind;
	collectorFormat?: CollectorFormat;
	/** progress lines (stderr by default) */
	log?: (line: string) => void;
	/** how long to wait for the cluster, ms */
	timeoutMs?: number;
}

const stderrLog = (line: string) => writeErr(line + '\n');

export function defaultPiAgent(): PiAgentKind {
	return fs.existsSync('/usr/sbin/snmpd') ? 'snmpd' : 'embedded';
}

function anyAlive(state: LabState): boolean {
	return [...state.nodes, ...state.agents, ...state.workers].some((p) => processAlive(p.pid, p.marker));
}

/**
 * Bring the lab up. On a partly running lab (same topology and ports) only the missing processes
 * are started. A failed start stops what this call started and throws a KconError naming the fix.
 */
export async function labUp(options: UpOptions = {}): Promise<LabState> {
	const log = options.log ?? stderrLog;
	requireTool('java', 'install Java 17 (Debian: apt-get install openjdk-17-jre-headless) — the lab runs Apache Kafka');
	const dir = labDir();
	let state = readLabState(dir);
	if (state && anyAlive(state)) {
		const clash: string[] = [];
		if (options.topology && options.topology !== state.topology) clash.push(`topology ${state.topology}`);
		if (options.basePort && options.basePort !== state.basePort) clash.push(`base port ${state.basePort}`);
		if (options.kafkaVersion && options.kafkaVersion !== state.kafkaVersion) clash.push(`Kafka ${state.kafkaVersion}`);
		if (options.pis !== undefined && options.pis !== state.pis) clash.push(`${state.pis} Pis`);
		if (options.piAgent && options.piAgent !== state.piAgent) clash.push(`--pi-agent ${state.piAgent}`);
		if (clash.length) {
			throw new KconError(
				`a lab is already running in ${dir} with ${clash.join(', ')}; run \`kcon lab down\` first (or set KCON_STATE_DIR for a second lab)`,
			);
		}
	} else if (state) {
		const plan = planKeptLab(state, options);
		if (plan.kind === 'change') {
			log(`kcon: starting the kept lab on Kafka ${plan.to} (was ${plan.from}); its finalized metadata.version stays at Kafka ${plan.formattedWith}'s until raised (kafka-features.sh upgrade)`);
			state.formattedWith = plan.formattedWith;
			state.kafkaVersion = plan.to;
		}
	}

	const version = state?.kafkaVersion ?? options.kafkaVersion ?? DEFAULT_KAFKA_VERSION;
	const install: KafkaInstall = await fetchKafka(version, log);
	if (!state) {
		const topology = options.topology ?? 'lab';
		const basePort = options.basePort ?? 9090;
		state = {
			version: 1,
			kafkaVersion: version,
			topology,
			basePort,
			kafkaHome: install.home,
			classpath: install.classpath,
			loggingFlag: install.loggingFlag,
			toolLoggingFlag: install.toolLoggingFlag,
			clusterId: kafkaUuid(),
			labDir: dir,
			pis: options.pis ?? 2,
			piAgent: options.piAgent ?? defaultPiAgent(),
			collectorFormat: options.collectorFormat ?? 'fluentd',
			nodes: planNodes(topology, basePort, dir),
			agents: [],
			workers: [],
			startedAt: new Date().toISOString(),
		};
	} else {
		// the binaries are this call's (the same version, or the one a kept lab is upgraded to)
		state.kafkaHome = install.home;
		state.classpath = install.classpath;
		state.loggingFlag = install.loggingFlag;
		state.toolLoggingFlag = install.toolLoggingFlag;
		if (options.collectorFormat) state.collectorFormat = options.collectorFormat;
		if (options.pis !== undefined) state.pis = options.pis;
		if (options.piAgent) state.piAgent = options.piAgent;
	}
	const started: LabProcess[] = [];
	try {
		await startKafka(state, install, started, log, options.timeoutMs ?? 180_000);
		await startPis(state, started, log);
		state.startedAt = state.startedAt || new Date().toISOString();
		writeLabState(state);
		return state;
	} catch (error) {
		if (started.length) {
			log(`kcon: start failed; stopping the ${started.length} process(es) this call started`);
			await Promise.all(started.map((p) => stopProcess(p.pid, 'SIGKILL', {marker: p.marker, timeoutMs: 5000})));
			for (const p of started) p.pid = null;
			writeLabState(state);
		}
		throw error;
	}
}

async function checkPorts(ports: Array<{port: number; protocol: 'tcp' | 'udp'; host: string; what: string}>) {
	for (const {port, protocol, host, what} of ports) {
		if (!(await portFree(host, port, protocol))) {
			const owner = portOwner(port, protocol);
			throw new KconError(
				`${protocol.toUpperCase()} port ${port} (${what}) is taken${owner ? ` by ${owner}` : ''}; stop it or pick other ports with --base-port`,
			);
		}
	}
}

async function startKafka(state: LabState, install: KafkaInstall, started: LabProcess[], log: (l: string) => void, timeoutMs: number) {
	const missing = state.nodes.filter((n) => !processAlive(n.pid, n.marker));
	if (missing.length) {
		await checkPorts(
			missing.flatMap((n) => [
				...(n.port !== null ? [{port: n.port, protocol: 'tcp' as const, host: n.host, what: `${n.name} PLAINTEXT`}] : []),
				...(n.controllerPort !== null
					? [{port: n.controllerPort, protocol: 'tcp' as const, host: n.host, what: `${n.name} CONTROLLER`}]
					: []),
			]),
		);
		log(`kcon: starting ${missing.map((n) => `${n.name} (id ${n.id})`).join(', ')} — Kafka ${state.kafkaVersion}, ${state.topology} topology`);
		await prepareNodes(state, install, missing);
		// controllers first (a pure broker cannot register without a quorum), then the rest
		const waves = [missing.filter((n) => !n.roles.includes('broker')), missing.filter((n) => n.roles.includes('broker'))];
		for (const wave of waves) {
			for (const node of wave) {
				node.pid = spawnNode(state, node);
				started.push(node);
			}
			writeLabState(state);
			await Promise.all(wave.map((node) => waitForNode(node, timeoutMs)));
		}
	}
	const bootstrap = bootstrapOf(state);
	let lastError: unknown;
	const result = await waitFor(
		async () => {
			try {
				const made = await ensureTopic(bootstrap, RESOURCE_TOPIC, 3, 3);
				if (made === 'created') log(`kcon: created topic ${RESOURCE_TOPIC} (3 partitions, RF 3)`);
				return true;
			} catch (error) {
				lastError = error;
				return false;
			}
		},
		{timeoutMs, intervalMs: 1000, alive: () => state.nodes.every((n) => processAlive(n.pid, n.marker))},
	);
	if (result !== 'ok') {
		const dead = state.nodes.find((n) => !processAlive(n.pid, n.marker));
		if (dead) throw diedError(dead);
		throw new KconError(
			`the cluster did not accept topic ${RESOURCE_TOPIC} within ${Math.round(timeoutMs / 1000)} s (${(lastError as Error)?.message ?? 'no answer'}); see the logs in ${state.labDir}/logs`,
		);
	}
}

function diedError(node: KafkaNode | LabProcess): KconError {
	return new KconError(`${node.name} exited during start; last lines of ${node.logFile}:`, 1, 'error', lastLines(node.logFile).split('\n'));
}

async function waitForNode(node: KafkaNode, timeoutMs: number): Promise<void> {
	const port = node.port ?? node.controllerPort!;
	const result = await waitFor(() => canConnect(node.host, port, 500), {
		timeoutMs,
		alive: () => processAlive(node.pid, node.marker),
	});
	if (result === 'died') throw diedError(node);
	if (result === 'timeout') {
		throw new KconError(`${node.name} did not accept connections on ${node.host}:${port} within ${Math.round(timeoutMs / 1000)} s; last lines of ${node.logFile}:`, 1, 'error', lastLines(node.logFile, 8).split('\n'));
	}
}

/** Start (or restart) one Kafka node of the lab by node id and wait until it accepts connections. */
export async function startBroker(state: LabState, id: number, timeoutMs = 120_000): Promise<number> {
	const node = state.nodes.find((n) => n.id === id);
	if (!node) throw new KconError(`the lab has no node with id ${id} (ids: ${state.nodes.map((n) => n.id).join(', ')})`);
	if (processAlive(node.pid, node.marker)) return node.pid!;
	node.pid = spawnNode(state, node);
	writeLabState(state);
	await waitForNode(node, timeoutMs);
	return node.pid;
}

/** Stop the lab: workers, then agents, then brokers, then controllers (TERM, KILL after the timeout). */
export async function labDown({keep = false, timeoutMs = 15_000, log = stderrLog}: {keep?: boolean; timeoutMs?: number; log?: (l: string) => void} = {}): Promise<LabState | null> {
	const state = readLabState();
	if (!state) return null;
	await stopWorkers(state, timeoutMs);
	const stop = (list: LabProcess[]) =>
		Promise.all(list.map(async (p) => {
			await stopProcess(p.pid, 'SIGTERM', {marker: p.marker, timeoutMs});
			p.pid = null;
		}));
	await stop(state.nodes.filter((n) => !n.roles.includes('controller')));
	await stop(state.nodes.filter((n) => n.roles.includes('controller')));
	if (keep) {
		writeLabState(state);
		log(`kcon: lab stopped; data kept in ${state.labDir}`);
	} else {
		fs.rmSync(state.labDir, {recursive: true, force: true});
		log(`kcon: lab stopped and its data removed`);
	}
	return state;
}

export interface LabStatus {
	up: boolean;
	bootstrap: string;
	brokers: Array<{id: number; host: string; port: number; pid: number | null; alive: boolean}>;
	controllers: Array<{id: number; host: string; port: number; pid: number | null; alive: boolean}>;
	agents: Array<{name: string; host: string; port: number; pid: number | null; alive: boolean; kind: string}>;
	workers: Array<{name: string; kind: string; target: string; pid: number | null; alive: boolean}>;
	kafkaVersion: string;
	kafkaHome: string;
	classpath: string;
	topology: Topology;
	basePort: number;
	stateDir: string;
	logs: string;
}

export async function labStatus(state: LabState): Promise<LabStatus> {
	const alive = (p: LabProcess) => processAlive(p.pid, p.marker);
	const brokers = await Promise.all(
		state.nodes
			.filter((n) => n.port !== null)
			.map(async (n) => ({id: n.id, host: n.host, port: n.port!, pid: n.pid, alive: alive(n) && (await canConnect(n.host, n.port!, 700))})),
	);
	const controllers = await Promise.all(
		state.nodes
			.filter((n) => n.controllerPort !== null)
			.map(async (n) => ({
				id: n.id,
				host: n.host,
				port: n.controllerPort!,
				pid: n.pid,
				alive: alive(n) && (await canConnect(n.host, n.controllerPort!, 700)),
			})),
	);
	const agents = state.agents.map((a) => ({name: a.name, host: a.host, port: a.port, pid: a.pid, alive: alive(a), kind: a.kind}));
	const workers = state.workers.map((w) => ({name: w.name, kind: w.kind, target: w.target, pid: w.pid, alive: alive(w)}));
	const up = [...brokers, ...controllers, ...agents, ...workers].every((p) => p.alive);
	return {
		up,
		bootstrap: bootstrapOf(state),
		brokers,
		controllers,
		agents,
		workers,
		kafkaVersion: state.kafkaVersion,
		kafkaHome: state.kafkaHome,
		classpath: state.classpath,
		topology: state.topology,
		basePort: state.basePort,
		stateDir: state.labDir,
		logs: `${state.labDir}/logs`,
	};
}

/** Total resident memory (kB) of the lab's live processes, from /proc. */
export function labRssKb(state: LabState): number {
	let total = 0;
	for (const p of [...state.nodes, ...state.agents, ...state.workers]) {
		if (!processAlive(p.pid, p.marker)) continue;
		try {
			const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p.pid}/status`, 'utf8'));
			if (m) total += Number(m[1]);
		} catch {}
	}
	return total;
}

