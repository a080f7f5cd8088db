// The lab's state file (<stateDir>/lab/state.json): what `kcon lab up` started, where, and by which PID.
// Read by `kcon lab status|down`, by `--lab` on every command, and by tests.
import fs from 'node:fs';
import path from 'node:path';
import {stateDir} from '../config/paths.js';
import {readLabStateText} from '../config/lab-state-file.js';

export type Topology = 'lab' | 'combined';
export type PiAgentKind = 'snmpd' | 'embedded';
export type CollectorFormat = 'fluentd' | 'flume';

/** Any process the lab started. `marker` is a string its command line must contain for the PID to count as ours. */
export interface LabProcess {
	name: string;
	pid: number | null;
	marker: string;
	logFile: string;
}

export interface KafkaNode extends LabProcess {
	id: number;
	roles: Array<'broker' | 'controller'>;
	host: string;
	/** PLAINTEXT port (brokers and combined nodes); null for a pure controller */
	port: number | null;
	/** CONTROLLER port; null for a pure broker */
	controllerPort: number | null;
	configFile: string;
	dataDir: string;
	heap: string;
}

export interface Agent extends LabProcess {
	/** pi1, pi2, … */
	name: string;
	host: string;
	port: number;
	kind: PiAgentKind;
	community: string;
}

export interface Worker extends LabProcess {
	kind: 'collector' | 'consumer' | 'share' | 'streams' | 'agent-host';
	/** the agent a collector polls, the group a consumer belongs to */
	target: string;
}

export interface LabState {
	version: 1;
	kafkaVersion: string;
	/** the Kafka version that formatted the data: its metadata.version is the floor for a downgrade (absent: kafkaVersion) */
	formattedWith?: string;
	topology: Topology;
	basePort: number;
	/** the per-version cache dir holding libs/ and config/ */
	kafkaHome: string;
	/** java -cp value for Kafka's own tools (a libs/* wildcard) */
	classpath: string;
	/** JVM flag pointing Kafka's logging at the lab's config */
	loggingFlag: string;
	/** the same for Kafka's CLIs run by tests (WARN to stderr) */
	toolLoggingFlag: string;
	clusterId: string;
	/** directory holding state.json, logs/ and data/ */
	labDir: string;
	pis: number;
	piAgent: PiAgentKind;
	collectorFormat: CollectorFormat;
	nodes: KafkaNode[];
	agents: Agent[];
	workers: Worker[];
	startedAt: string;
	/** "127.0.0.1:9090,…" (written on every save, for readers that only want the bootstrap) */
	bootstrap?: string;
	/** `tower-backup` got its one commit (at the end of `resource`) */
	towerBackupCommitted?: boolean;
}

export function labDir(): string {
	return path.join(stateDir(), 'lab');
}

export function stateFile(dir = labDir()): string {
	return path.join(dir, 'state.json');
}

/** The lab's state, or null when no lab was ever brought up (or it was taken down). */
export function readLabState(dir = labDir()): LabState | null {
	const text = readLabStateText(stateFile(dir));
	if (text === undefined) return null;
	const state = JSON.parse(text) as LabState;
	return state.version === 1 ? state : null;
}

export function writeLabState(state: LabState): void {
	fs.mkdirSync(state.labDir, {recursive: true});
	const file = stateFile(state.labDir);
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, JSON.stringify({...state, bootstrap: bootstrapOf(state)}, null, '\t') + '\n');
	fs.renameSync(tmp, file);
}

/** True when `pid` runs and its command line contains `marker` (so a recycled PID never counts as ours). */
export function processAlive(pid: number | null, marker?: string): boolean {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		if (/\) Z /.test(stat)) return false; // a zombie is dead
		if (!marker) return true;
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
	} catch {
		return !marker; // no /proc: trust kill(0)
	}
}

export const brokers = (state: LabState) => state.nodes.filter((n) => n.roles.includes('broker'));
export const controllers = (state: LabState) => state.nodes.filter((n) => n.roles.includes('controller'));

/** "127.0.0.1:9090,127.0.0.1:9091,…" */
export function bootstrapOf(state: LabState): string {
	return brokers(state)
		.map((n) => `${n.host}:${n.port}`)
		.join(',');
}
