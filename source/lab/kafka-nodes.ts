// The lab's Kafka nodes: plan (ids, ports), write server.properties, format KRaft storage with a
// dynamic quorum (--initial-controllers), start kafka.Kafka detached.
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {KconError} from '../errors.js';
import type {KafkaInstall} from './fetch.js';
import {kafkaMajor} from './fetch.js';
import {spawnDetached} from './processes.js';
import type {KafkaNode, LabState, Topology} from './state.js';

export const HOST = '127.0.0.1';
/** Controller ports sit this far above the broker ports (9090 → 19090), as in the lab. */
export const CONTROLLER_PORT_OFFSET = 10000;

/** A Kafka Uuid as the tools print it: 16 random bytes, URL-safe base64, no padding, not starting with '-'. */
export function kafkaUuid(): string {
	for (;;) {
		const id = randomBytes(16).toString('base64url');
		if (!id.startsWith('-')) return id;
	}
}

/**
 * lab: controllers 0,1,2 (CONTROLLER on base+10000…), brokers 3,4,5 (PLAINTEXT on base…base+2).
 * combined: nodes 3,4,5 each broker+controller (PLAINTEXT base+i, CONTROLLER base+10000+i).
 */
export function planNodes(topology: Topology, basePort: number, labDir: string): KafkaNode[] {
	const node = (id: number, name: string, roles: KafkaNode['roles'], port: number | null, controllerPort: number | null): KafkaNode => {
		const configFile = path.join(labDir, 'config', `${name}.properties`);
		return {
			id,
			name,
			roles,
			host: HOST,
			port,
			controllerPort,
			configFile,
			dataDir: path.join(labDir, 'data', name),
			logFile: path.join(labDir, 'logs', `${name}.log`),
			heap: roles.includes('broker') ? '-Xmx384m' : '-Xmx256m',
			pid: null,
			marker: configFile,
		};
	};
	const nodes: KafkaNode[] = [];
	for (let i = 0; i < 3; i++) {
		if (topology === 'lab') {
			nodes.push(node(i, `controller${i}`, ['controller'], null, basePort + CONTROLLER_PORT_OFFSET + i));
		}
	}
	for (let i = 0; i < 3; i++) {
		if (topology === 'lab') nodes.push(node(3 + i, `broker${i}`, ['broker'], basePort + i, null));
		else nodes.push(node(3 + i, `node${i}`, ['broker', 'controller'], basePort + i, basePort + CONTROLLER_PORT_OFFSET + i));
	}
	return nodes;
}

function serverProperties(state: LabState, node: KafkaNode): string {
	const quorum = state.nodes
		.filter((n) => n.controllerPort !== null)
		.map((n) => `${n.host}:${n.controllerPort}`)
		.join(',');
	const listeners: string[] = [];
	if (node.port !== null) listeners.push(`PLAINTEXT://${node.host}:${node.port}`);
	if (node.controllerPort !== null) listeners.push(`CONTROLLER://${node.host}:${node.controllerPort}`);
	const lines = [
		`# written by kcon lab up (${state.topology} topology, Kafka ${state.kafkaVersion})`,
		`node.id=${node.id}`,
		`process.roles=${node.roles.join(',')}`,
		`listeners=${listeners.join(',')}`,
		`controller.listener.names=CONTROLLER`,
		`listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT`,
		`controller.quorum.bootstrap.servers=${quorum}`,
		`log.dirs=${node.dataDir}`,
	];
	if (node.roles.includes('broker')) {
		lines.push(
			`advertised.listeners=PLAINTEXT://${node.host}:${node.port}`,
			`inter.broker.listener.name=PLAINTEXT`,
			`num.partitions=1`,
			'# The 2026 lab kept these from the base server.properties: __consumer_offsets (and the',
			'# transaction/share-state topics) get replication factor 1, so killing one broker can make',
			'# some group coordinators unavailable. Kept on purpose: kcon must show that, not crash.',
			`offsets.topic.replication.factor=1`,
			`transaction.state.log.replication.factor=1`,
			`transaction.state.log.min.isr=1`,
		);
		if (kafkaMajor(state.kafkaVersion) >= 4) {
			lines.push(`share.coordinator.state.topic.replication.factor=1`, `share.coordinator.state.topic.min.isr=1`);
		}
		lines.push(
			'# On a busy 2-core machine six JVMs starting at once can take over a minute to register;',
			'# the default 60 s would make a broker give up and exit. Only start-up is affected.',
			`initial.broker.registration.timeout.ms=180000`,
		);
		lines.push('# tests: a new group starts consuming at once (as in Kafka\'s sample config)', `group.initial.rebalance.delay.ms=0`);
	}
	return lines.join('\n') + '\n';
}

function runJava(install: KafkaInstall, args: string[]): Promise<{code: number; output: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn('java', ['-Xmx128m', install.toolLoggingFlag, '-cp', install.classpath, ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({code: code ?? 1, output}));
	});
}

/** Write every node's config and format the storage that is not formatted yet (all in parallel). */
export async function prepareNodes(state: LabState, install: KafkaInstall, nodes = state.nodes): Promise<void> {
	const initialControllers = state.nodes
		.filter((n) => n.controllerPort !== null)
		.map((n) => `${n.id}@${n.host}:${n.controllerPort}:${directoryIdOf(state, n)}`)
		.join(',');
	await Promise.all(
		nodes.map(async (node) => {
			fs.mkdirSync(path.dirname(node.configFile), {recursive: true});
			fs.writeFileSync(node.configFile, serverProperties(state, node));
			if (fs.existsSync(path.join(node.dataDir, 'meta.properties'))) return;
			fs.mkdirSync(node.dataDir, {recursive: true});
			const quorum = node.roles.includes('controller')
				? ['--initial-controllers', initialControllers]
				: ['--no-initial-controllers'];
			const {code, output} = await runJava(install, [
				'kafka.tools.StorageTool',
				'format',
				'--config',
				node.configFile,
				'--cluster-id',
				state.clusterId,
				...quorum,
				'--ignore-formatted',
			]);
			if (code !== 0) {
				throw new KconError(`formatting storage of ${node.name} failed (StorageTool exit ${code}):\n${output.trim().split('\n').slice(-8).join('\n')}`);
			}
		}),
	);
}

/** Stable per-lab directory ids for the controllers' metadata log dirs (kept in the data dir). */
function directoryIdOf(state: LabState, node: KafkaNode): string {
	const file = path.join(state.labDir, 'data', `${node.name}.directory-id`);
	try {
		return fs.readFileSync(file, 'utf8').trim();
	} catch {
		const id = kafkaUuid();
		fs.mkdirSync(path.dirname(file), {recursive: true});
		fs.writeFileSync(file, id + '\n');
		return id;
	}
}

/** Start one Kafka node (kafka.Kafka) detached; returns its PID. The caller records it. */
export function spawnNode(state: LabState, node: KafkaNode): number {
	fs.mkdirSync(path.dirname(node.logFile), {recursive: true});
	fs.appendFileSync(node.logFile, `\n==== kcon lab: starting ${node.name} (node.id ${node.id}) at ${new Date().toISOString()}\n`);
	return spawnDetached(
		'java',
		[
			node.heap,
			'-Xms64m',
			'-Xss512k',
			// The lab shares 2 cores with everything else: a serial GC and the C1 JIT only keep start-up
			// CPU and RSS low (steady-state speed does not matter for a lab of a few msg/s).
			'-XX:+UseSerialGC',
			'-XX:TieredStopAtLevel=1',
			'-XX:+ExitOnOutOfMemoryError',
			'-Djava.awt.headless=true',
			`-Dkafka.logs.dir=${path.dirname(node.logFile)}`,
			state.loggingFlag,
			'-cp',
			state.classpath,
			'kafka.Kafka',
			node.configFile,
		],
		node.logFile,
	);
}
