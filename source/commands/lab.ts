// kcon lab up|down|status|fetch — a real local copy of the SmartX-Mini lab (see source/lab/).
import type {CommandContext} from './context.js';
import {intFlag, outputFormat, parseCommandArgs} from '../config/args.js';
import {UsageError} from '../errors.js';
import {toJson} from '../present/json.js';
import {DEFAULT_KAFKA_VERSION, fetchKafka} from '../lab/fetch.js';
import {labDown, labStatus, labUp, labRssKb, type LabStatus} from '../lab/lab.js';
import {labDir, readLabState, type CollectorFormat, type PiAgentKind, type Topology} from '../lab/state.js';
import {forText} from '../terminal-safe.js';
import {kconLine, writeJson, writeOut} from '../terminal-out.js';
import type {CommandSpec} from './command-spec.js';

const options = {
	kafka: {type: 'string'},
	topology: {type: 'string'},
	pis: {type: 'string'},
	'pi-agent': {type: 'string'},
	'base-port': {type: 'string'},
	'collector-format': {type: 'string'},
	keep: {type: 'boolean'},
	output: {type: 'string', short: 'o'},
	json: {type: 'boolean'},
} as const;

const output = [
	{name: 'output', short: 'o', type: 'string', value: 'text|json', default: 'text', description: 'output format'},
	{name: 'json', type: 'boolean', description: 'the same as -o json'},
] as const;

export const specs: readonly CommandSpec[] = [
	{
		name: 'lab up',
		summary: 'start the local lab (real Kafka, SNMP agents, collectors) on loopback, or what of it is missing',
		usage: '[--kafka VERSION] [--topology lab|combined] [--pis N] [--pi-agent snmpd|embedded] [--base-port PORT] [--collector-format fluentd|flume]',
		flags: [
			{name: 'kafka', type: 'string', value: 'VERSION', default: DEFAULT_KAFKA_VERSION, description: 'the Kafka version (from Maven Central)'},
			{name: 'topology', type: 'string', value: 'lab|combined', default: 'lab', description: 'controllers apart (lab) or brokers that are controllers too (combined)'},
			{name: 'pis', type: 'string', value: 'N', default: '2', description: 'simulated Pis (SNMP agent + collector each), 0…20'},
			{name: 'pi-agent', type: 'string', value: 'snmpd|embedded', description: "the Pis' SNMP agent (default snmpd when installed)"},
			{name: 'base-port', type: 'string', value: 'PORT', default: '9090', description: 'first broker port; every other port follows from it'},
			{name: 'collector-format', type: 'string', value: 'fluentd|flume', default: 'fluentd', description: 'the record format the collectors publish'},
			...output,
		],
		connection: false,
		write: false,
		examples: ['kcon lab up && kcon --lab', 'KCON_STATE_DIR=/tmp/lab2 kcon lab up --topology combined --base-port 21090'],
	},
	{
		name: 'lab down',
		summary: 'stop everything the lab started (by PID: TERM, then KILL after 15 s) and remove its data',
		usage: '[--keep]',
		flags: [{name: 'keep', type: 'boolean', description: 'keep the data and logs'}],
		connection: false,
		write: false,
		examples: ['kcon lab down'],
	},
	{
		name: 'lab status',
		summary: "the lab's processes and addresses; exit 0 when everything is up, 1 otherwise",
		usage: '[-o json]',
		flags: [...output],
		connection: false,
		write: false,
		examples: ['kcon lab status -o json'],
	},
	{
		name: 'lab fetch',
		summary: 'only fetch Kafka (lab/pom.xml → ~/.cache/kcon/kafka/VERSION/libs) and print where it is',
		usage: '[--kafka VERSION] [-o json]',
		flags: [{name: 'kafka', type: 'string', value: 'VERSION', default: DEFAULT_KAFKA_VERSION, description: 'the Kafka version'}, ...output],
		connection: false,
		write: false,
		examples: ['kcon lab fetch --kafka 3.9.1'],
	},
];

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value === undefined) return undefined;
	if (!allowed.includes(value as T)) throw new UsageError(`--${name} must be ${allowed.join(' or ')}, not '${value}'`);
	return value as T;
}

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseCommandArgs(ctx.argv, options);
	const [sub, ...rest] = positionals;
	if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
	const format = outputFormat(values);
	switch (sub) {
		case 'fetch': {
			const install = await fetchKafka(values.kafka ?? DEFAULT_KAFKA_VERSION);
			if (format === 'json') writeJson(toJson(install) + '\n');
			else writeOut(`Kafka ${install.version}: ${install.libs}\n`);
			return 0;
		}
		case 'up': {
			const basePort = values['base-port'] === undefined ? undefined : intFlag('base-port', values['base-port'], 9090, 1024, 65535);
			if (basePort !== undefined && basePort + 10002 > 65535) throw new UsageError('--base-port must leave room for controller ports (base + 10000…10002 ≤ 65535)');
			const pis = values.pis === undefined ? undefined : intFlag('pis', values.pis, 2, 0, 20);
			const started = Date.now();
			const state = await labUp({
				kafkaVersion: values.kafka,
				topology: oneOf<Topology>('topology', values.topology, ['lab', 'combined']),
				basePort,
				pis,
				piAgent: oneOf<PiAgentKind>('pi-agent', values['pi-agent'], ['snmpd', 'embedded']),
				collectorFormat: oneOf<CollectorFormat>('collector-format', values['collector-format'], ['fluentd', 'flume']),
			});
			const status = await labStatus(state);
			if (format === 'json') writeJson(toJson({...status, readyMs: Date.now() - started, rssKb: labRssKb(state)}) + '\n');
			else printStatus(status, `lab ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			return status.up ? 0 : 1;
		}
		case 'status': {
			const state = readLabState();
			if (!state) {
				if (format === 'json') writeJson(toJson({up: false, stateDir: labDir(), bootstrap: '', brokers: [], controllers: [], agents: [], workers: []}) + '\n');
				else writeOut(`no lab in ${labDir()} (start one with: kcon lab up)\n`);
				return 1;
			}
			const status = await labStatus(state);
			if (format === 'json') writeJson(toJson({...status, rssKb: labRssKb(state)}) + '\n');
			else printStatus(status, status.up ? 'lab is up' : 'lab is NOT fully up');
			return status.up ? 0 : 1;
		}
		case 'down': {
			const state = await labDown({keep: values.keep ?? false});
			if (!state) kconLine(`no lab in ${labDir()}`);
			return 0;
		}
		default:
			throw new UsageError(sub ? `unknown lab command '${sub}' (up, down, status, fetch)` : 'kcon lab up|down|status|fetch');
	}
}

function printStatus(status: LabStatus, headline: string) {
	const s = forText(status);
	const mark = (alive: boolean) => (alive ? 'up  ' : 'DOWN');
	const lines = [
		`${headline} — Kafka ${s.kafkaVersion}, ${s.topology} topology, state in ${s.stateDir}`,
		`bootstrap  ${s.bootstrap}`,
		...s.controllers
			.filter((c) => s.topology === 'lab')
			.map((c) => `controller ${c.id}  ${mark(c.alive)} ${c.host}:${c.port}  pid ${c.pid ?? '-'}`),
		...s.brokers.map((b) => `broker     ${b.id}  ${mark(b.alive)} ${b.host}:${b.port}${s.topology === 'combined' ? `+${s.controllers.find((c) => c.id === b.id)?.port}` : ''}  pid ${b.pid ?? '-'}`),
		...s.agents.map((a) => `agent   ${a.name}  ${mark(a.alive)} ${a.host}:${a.port}/udp (${a.kind})  pid ${a.pid ?? '-'}`),
		...s.workers.map((w) => `${w.kind.padEnd(10)} ${mark(w.alive)} ${w.name} → ${w.target}  pid ${w.pid ?? '-'}`),
		`logs       ${s.logs}`,
	];
	writeOut(lines.join('\n') + '\n');
}
