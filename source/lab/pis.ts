// Simulated Pis: N SNMP agents (real snmpd, or embedded net-snmp agents in one host process), a
// collector per Pi publishing to `resource`, the `tower` group consuming it, `tower-backup`
// (committed offsets, no members: Empty with growing lag) and, on Kafka ≥ 4.2 (share groups on by
// default: share.version=1), the share group `lab-share`: Kafka's own ConsoleShareConsumer, and the
// streams group `lab-streams` (streams.version=1, also finalized by 4.2): lab/streams/LabStreams.java.
import fs from 'node:fs';
import path from 'node:path';
import {KconError} from '../errors.js';
import {packageRoot} from '../package-root.js';
import {labStreamsClassesDir, labStreamsCompiled} from './fetch.js';
import {commitGroupAtEnd, ensureTopic} from '../kafka/lab-clients.js';
import {startSnmpd, waitForAgent} from './snmpd.js';
import {lastLines, portFree, portOwner, spawnDetached, stopProcess} from './processes.js';
import {bootstrapOf, processAlive, writeLabState, type Agent, type LabProcess, type LabState, type Worker} from './state.js';

export const RESOURCE_TOPIC = 'resource';
export const TOWER_GROUP = 'tower';
export const TOWER_BACKUP_GROUP = 'tower-backup';
export const SHARE_GROUP = 'lab-share';
export const STREAMS_GROUP = 'lab-streams';
/** the lab's streams application writes each record's size here (LabStreams.java's default) */
export const STREAMS_OUTPUT_TOPIC = 'resource-sizes';

/** Kafka 4.2 finalizes share.version=1 on a new cluster; 4.1 has share groups only after
 *  `kafka-features.sh upgrade --feature share.version=1`, 3.9 none. */
export function servesShareGroups(kafkaVersion: string): boolean {
	const [major = 0, minor = 0] = kafkaVersion.split('.').map(Number);
	return major > 4 || (major === 4 && minor >= 2);
}

/** Kafka 4.2 finalizes streams.version=1 on a new cluster (KIP-1071 groups); 4.1 only after an
 *  upgrade of that feature, 3.9 has none. */
export function servesStreamsGroups(kafkaVersion: string): boolean {
	return servesShareGroups(kafkaVersion);
}

/** UDP port of every Pi agent: 1161 for base port 9090, so two labs with different bases never collide. */
export function agentPort(basePort: number): number {
	const port = basePort - 7929;
	return port >= 1024 ? port : basePort + 20000;
}

/** Pi i (1-based) listens on its own loopback address 127.0.1.i. */
export function agentHost(index: number): string {
	return `127.0.1.${index}`;
}

// the workers run from the package's compiled files (dist/source/lab/), which the package ships
// whether kcon itself runs from them or from its bundle (dist/bundle/)
const here = path.join(packageRoot(), 'dist', 'source', 'lab');
const nodeArgs = ['--max-old-space-size=64'];

function planAgents(state: LabState): Agent[] {
	const port = agentPort(state.basePort);
	return Array.from({length: state.pis}, (_, i) => {
		const name = `pi${i + 1}`;
		return {
			name,
			host: agentHost(i + 1),
			port,
			kind: state.piAgent,
			community: 'public',
			pid: null,
			marker: state.piAgent === 'embedded' ? `--agents=${state.labDir}` : path.join(state.labDir, 'pis', name, 'snmpd.conf'),
			logFile:
				state.piAgent === 'embedded'
					? path.join(state.labDir, 'logs', 'agents.log')
					: path.join(state.labDir, 'pis', name, 'snmpd.log'),
		};
	});
}

function worker(state: LabState, kind: Worker['kind'], name: string, target: string, marker: string): Worker {
	return {kind, name, target, marker, pid: null, logFile: path.join(state.labDir, 'logs', `${name}.log`)};
}

async function ensureUdpFree(agent: Agent) {
	if (!(await portFree(agent.host, agent.port, 'udp'))) {
		const owner = portOwner(agent.port, 'udp');
		throw new KconError(
			`UDP port ${agent.host}:${agent.port} (${agent.name}) is taken${owner ? ` by ${owner}` : ''}; stop it or pick another --base-port`,
		);
	}
}

export async function startPis(state: LabState, started: LabProcess[], log: (l: string) => void): Promise<void> {
	if (state.agents.length !== state.pis || state.agents.some((a) => a.kind !== state.piAgent)) {
		await stopWorkers(state, 5000);
		state.agents = planAgents(state);
		state.workers = [];
	}
	const bootstrap = bootstrapOf(state);
	// agents
	const missing = state.agents.filter((a) => !processAlive(a.pid, a.marker));
	if (missing.length && state.piAgent === 'snmpd') {
		for (const agent of missing) {
			await ensureUdpFree(agent);
			const proc = await startSnmpd({dir: path.join(state.labDir, 'pis', agent.name), host: agent.host, port: agent.port, sysName: 'pi'}, 20_000);
			agent.pid = proc.pid;
			agent.marker = proc.confPath;
			agent.logFile = proc.logPath;
			started.push(agent);
			writeLabState(state);
		}
	} else if (missing.length) {
		for (const agent of state.agents) await stopProcess(agent.pid, 'SIGTERM', {marker: agent.marker, timeoutMs: 3000});
		for (const agent of state.agents) await ensureUdpFree(agent);
		const first = state.agents[0]!;
		const pid = spawnDetached(
			process.execPath,
			[...nodeArgs, path.join(here, 'agent-host-main.js'), first.marker, JSON.stringify(state.agents.map(({host, port, community, name}) => ({host, port, community, name})))],
			first.logFile,
		);
		for (const agent of state.agents) agent.pid = pid;
		started.push(first);
		writeLabState(state);
		for (const agent of state.agents) {
			await waitForAgent({host: agent.host, port: agent.port, community: agent.community}, 20_000, () =>
				processAlive(pid, first.marker) ? undefined : `the embedded agent host exited during start:\n${lastLines(first.logFile)}`,
			);
		}
	}
	if (missing.length) log(`kcon: SNMP agents up: ${state.agents.map((a) => `${a.name} ${a.host}:${a.port}/udp`).join(', ')} (${state.piAgent})`);

	// collectors and the tower group
	if (state.workers.length === 0) {
		for (const agent of state.agents) {
			state.workers.push(worker(state, 'collector', `collector-${agent.name}`, `${agent.host}:${agent.port}`, `--collector=${path.join(state.labDir, agent.name)}`));
		}
		state.workers.push(worker(state, 'consumer', 'tower', TOWER_GROUP, `--tower=${state.labDir}`));
	}
	if (servesShareGroups(state.kafkaVersion) && !state.workers.some((w) => w.kind === 'share')) {
		state.workers.push(worker(state, 'share', 'share', SHARE_GROUP, `-Dkcon.lab.share=${state.labDir}`));
	}
	if (servesStreamsGroups(state.kafkaVersion) && !state.workers.some((w) => w.kind === 'streams')) {
		if (labStreamsCompiled({streamsClasses: streamsClassesOf(state)})) {
			state.workers.push(worker(state, 'streams', 'streams', STREAMS_GROUP, `-Dkcon.lab.streams=${state.labDir}`));
		} else {
			log(`kcon: no compiled Kafka Streams application in ${streamsClassesOf(state)} (no javac at fetch time): the lab runs without group ${STREAMS_GROUP}`);
		}
	}
	for (const w of state.workers) {
		if (processAlive(w.pid, w.marker)) continue;
		fs.mkdirSync(path.dirname(w.logFile), {recursive: true});
		if (w.kind === 'share') {
			w.pid = spawnDetached('java', shareConsumerArgs(state, w.marker, bootstrap), w.logFile);
			started.push(w);
			continue;
		}
		if (w.kind === 'streams') {
			// created as `resource` is, before the application would have the broker auto-create it with
			// one replica: a lab topic that goes offline with any one broker misleads every kill preview
			if ((await ensureTopic(bootstrap, STREAMS_OUTPUT_TOPIC, 3, 3)) === 'created') log(`kcon: created topic ${STREAMS_OUTPUT_TOPIC} (3 partitions, RF 3)`);
			w.pid = spawnDetached('java', streamsAppArgs(state, w.marker, bootstrap), w.logFile);
			started.push(w);
			continue;
		}
		const agent = state.agents.find((a) => `collector-${a.name}` === w.name);
		const args =
			w.kind === 'collector' && agent
				? [path.join(here, 'collector-main.js'), w.marker, JSON.stringify({bootstrap, topic: RESOURCE_TOPIC, host: agent.host, port: agent.port, community: agent.community, format: state.collectorFormat, name: agent.name})]
				: [path.join(here, 'tower-main.js'), w.marker, JSON.stringify({bootstrap, topic: RESOURCE_TOPIC, group: TOWER_GROUP})];
		w.pid = spawnDetached(process.execPath, [...nodeArgs, ...args], w.logFile);
		started.push(w);
	}
	writeLabState(state);
	if (!state.towerBackupCommitted) {
		await commitGroupAtEnd(bootstrap, TOWER_BACKUP_GROUP, RESOURCE_TOPIC);
		state.towerBackupCommitted = true;
	}
	// a worker that dies at once (bad install, …) is an error now, not a silent gap later
	await new Promise((r) => setTimeout(r, 300));
	const dead = state.workers.find((w) => !processAlive(w.pid, w.marker));
	if (dead) throw new KconError(`${dead.name} exited during start; last lines of ${dead.logFile}:`, 1, 'error', lastLines(dead.logFile).split('\n'));
}

/** The lab's client JVMs (share consumer, streams application): small heap and stack, serial GC,
 *  C1 only, as the brokers run; the marker names the process for the PID checks. */
function smallJvm(state: LabState, marker: string): string[] {
	return ['-Xmx96m', '-Xss512k', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:+ExitOnOutOfMemoryError', marker, state.toolLoggingFlag];
}

/** Kafka's ConsoleShareConsumer in group lab-share on `resource`: a JVM as small as the lab's
 *  brokers run (serial GC, C1 only). It prints an empty line per record, so its log stays small. */
function shareConsumerArgs(state: LabState, marker: string, bootstrap: string): string[] {
	return [
		...smallJvm(state, marker),
		'-cp',
		state.classpath,
		'org.apache.kafka.tools.consumer.ConsoleShareConsumer',
		'--bootstrap-server',
		bootstrap,
		'--topic',
		RESOURCE_TOPIC,
		'--group',
		SHARE_GROUP,
		'--command-property',
		'client.id=kcon-lab-share',
		'--formatter-property',
		'print.value=false',
	];
}

function streamsClassesOf(state: LabState): string {
	return labStreamsClassesDir(state.kafkaHome);
}

/** The lab's Kafka Streams application (one stream thread, stateless) in a JVM as small as the
 *  share consumer's; its state directory is the lab's own, never /tmp/kafka-streams. */
function streamsAppArgs(state: LabState, marker: string, bootstrap: string): string[] {
	return [
		...smallJvm(state, marker),
		'-cp',
		`${state.classpath}${path.delimiter}${streamsClassesOf(state)}`,
		'LabStreams',
		bootstrap,
		path.join(state.labDir, 'streams-state'),
	];
}

/** Stop collectors, the tower consumer and the agents (shared PIDs stopped once). */
export async function stopWorkers(state: LabState, timeoutMs: number): Promise<void> {
	const seen = new Set<number>();
	const stop = async (list: LabProcess[]) =>
		Promise.all(
			list.map(async (p) => {
				if (p.pid && !seen.has(p.pid)) {
					seen.add(p.pid);
					await stopProcess(p.pid, 'SIGTERM', {marker: p.marker, timeoutMs});
				}
				p.pid = null;
			}),
		);
	await stop(state.workers);
	await stop(state.agents);
}
