// Which SNMP agents (Pis) to watch. First match wins:
//   1. --agent NAME=HOST[:PORT] (repeatable; port 161 by default), community from --community
//   2. --lab                     the running lab's agents (stateDir()/lab/state.json, `agents[]`)
//   3. KCON_AGENTS               "pi1=172.29.0.11:161,pi2=172.29.0.12" (same syntax, comma-separated)
//   4. the config context (--context NAME, else the file's currentContext), field `agents`:
//        "agents": [
//          {"name": "pi1", "host": "172.29.0.11", "port": 161, "community": "public"},
//          {"name": "pi2", "host": "172.29.0.12",
//           "v3": {"user": "kcon", "authProtocol": "sha256", "authKey": {"env": "PI_AUTH"},
//                  "privProtocol": "aes", "privKey": {"env": "PI_PRIV"}}}
//        ]
//      or "agents": "pi1=host:port,…". Keys may be literal strings or {"env": "NAME"}.
// --community (default `public`) applies to agents that don't name their own community.
// SNMPv3 keys only come from the config file or the environment, never from flags (shell history),
// and are never printed: use describeAgentSpec() for display.
import path from 'node:path';
import {UsageError} from '../errors.js';
import {defaultConfigFile, stateDir} from './paths.js';
import {secret} from './settings.js';
import {readConfigObject} from './context-file.js';
import {readLabStateText} from './lab-state-file.js';
import type {AgentSpec, SnmpV3User} from '../domain/agent-spec.js';

export interface AgentValues {
	agent?: string[];
	lab?: boolean;
	community?: string;
	context?: string;
	config?: string;
	[other: string]: unknown;
}

export type AgentSource = 'flag' | 'lab' | 'env' | 'context' | 'none';

export interface AgentSettings {
	agents: AgentSpec[];
	source: AgentSource;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "NAME=HOST[:PORT]" → spec; what = where it came from, for the message. */
export function parseAgent(text: string, what: string, community?: string): AgentSpec {
	const m = /^([A-Za-z0-9_.-]+)=(\[[^\]]+\]|[^:=\s]+)(?::(\d+))?$/.exec(text.trim());
	if (!m) throw new UsageError(`${what}: '${text}' is not NAME=HOST[:PORT]`);
	const port = m[3] === undefined ? 161 : Number(m[3]);
	if (!(port > 0 && port < 65536)) throw new UsageError(`${what}: bad port in '${text}'`);
	const spec: AgentSpec = {name: m[1]!, host: m[2]!.replace(/^\[|\]$/g, ''), port};
	if (community !== undefined) spec.community = community;
	return spec;
}

export function parseAgentList(text: string, what: string, community?: string): AgentSpec[] {
	return text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => parseAgent(s, what, community));
}

function unique(agents: AgentSpec[], what: string): AgentSpec[] {
	const seen = new Set<string>();
	for (const a of agents) {
		if (seen.has(a.name)) throw new UsageError(`${what}: agent name '${a.name}' is used twice`);
		seen.add(a.name);
	}
	return agents;
}


function parseV3(raw: unknown, what: string, env: NodeJS.ProcessEnv): SnmpV3User {
	if (!isObject(raw)) throw new UsageError(`${what}: "v3" must be an object`);
	const user = raw['user'] ?? raw['name'];
	if (typeof user !== 'string' || !user) throw new UsageError(`${what}: v3 needs "user"`);
	const v3: SnmpV3User = {name: user};
	if (raw['authKey'] !== undefined) {
		const protocol = String(raw['authProtocol'] ?? 'sha').toLowerCase().replace('-', '');
		if (protocol !== 'sha' && protocol !== 'sha256') {
			throw new UsageError(`${what}: authProtocol must be sha or sha256, not '${raw['authProtocol']}'`);
		}
		v3.authProtocol = protocol;
		v3.authKey = secret(raw['authKey'], `${what} authKey`, env);
	}
	if (raw['privKey'] !== undefined) {
		if (v3.authKey === undefined) throw new UsageError(`${what}: privKey needs an authKey too (authPriv)`);
		const protocol = String(raw['privProtocol'] ?? 'aes').toLowerCase();
		if (protocol !== 'aes') throw new UsageError(`${what}: privProtocol must be aes, not '${raw['privProtocol']}'`);
		v3.privProtocol = 'aes';
		v3.privKey = secret(raw['privKey'], `${what} privKey`, env);
	}
	return v3;
}

/** Agents of a config-file context (undefined when the context has none). */
export function agentsFromContext(
	context: Record<string, unknown>,
	contextName: string,
	community: string | undefined,
	env: NodeJS.ProcessEnv,
): AgentSpec[] | undefined {
	const raw = context['agents'];
	if (raw === undefined) return undefined;
	const what = `context '${contextName}' agents`;
	if (typeof raw === 'string') return unique(parseAgentList(raw, what, community), what);
	if (!Array.isArray(raw)) throw new UsageError(`${what} must be a list or "name=host:port,…"`);
	return unique(
		raw.map((entry, i) => {
			if (typeof entry === 'string') return parseAgent(entry, what, community);
			if (!isObject(entry)) throw new UsageError(`${what}[${i}] must be an object`);
			const name = entry['name'];
			const host = entry['host'];
			if (typeof name !== 'string' || typeof host !== 'string') {
				throw new UsageError(`${what}[${i}] needs "name" and "host"`);
			}
			const port = entry['port'] === undefined ? 161 : Number(entry['port']);
			if (!(Number.isInteger(port) && port > 0 && port < 65536)) throw new UsageError(`${what}[${i}]: bad port`);
			const spec: AgentSpec = {name, host, port};
			const own = entry['community'];
			if (own !== undefined) spec.community = secret(own, `${what}[${i}] community`, env);
			else if (community !== undefined) spec.community = community;
			if (entry['v3'] !== undefined) spec.v3 = parseV3(entry['v3'], `${what}[${i}]`, env);
			return spec;
		}),
		what,
	);
}

/** Agents of the running lab, from its state file. */
export function agentsFromLab(labDir = path.join(stateDir(), 'lab')): AgentSpec[] {
	const file = path.join(labDir, 'state.json');
	const text = readLabStateText(file);
	if (text === undefined) throw new UsageError(`--lab: no running lab (${file} not found); start one with: kcon lab up`);
	let state: unknown;
	try {
		state = JSON.parse(text);
	} catch {
		throw new UsageError(`--lab: the lab state file ${file} is not valid JSON`);
	}
	const agents = isObject(state) && Array.isArray(state['agents']) ? state['agents'] : [];
	return agents.filter(isObject).map((a) => {
		const spec: AgentSpec = {name: String(a['name']), host: String(a['host']), port: Number(a['port'])};
		if (typeof a['community'] === 'string') spec.community = a['community'];
		return spec;
	});
}

/** Resolve the agents to watch from flags, env, lab state and config (see the header). */
export function resolveAgents(values: AgentValues, env: NodeJS.ProcessEnv = process.env): AgentSettings {
	const community = typeof values.community === 'string' ? values.community : undefined;
	if (values.agent && values.agent.length > 0) {
		return {agents: unique(values.agent.map((a) => parseAgent(a, '--agent', community)), '--agent'), source: 'flag'};
	}
	if (values.lab) {
		const agents = agentsFromLab();
		if (community !== undefined) for (const a of agents) a.community = community;
		return {agents, source: 'lab'};
	}
	const fromEnv = env['KCON_AGENTS'];
	if (fromEnv && fromEnv.trim()) {
		return {agents: unique(parseAgentList(fromEnv, 'KCON_AGENTS', community), 'KCON_AGENTS'), source: 'env'};
	}
	const explicit = typeof values.config === 'string' ? path.resolve(values.config) : undefined;
	const config = readConfigObject(explicit ?? defaultConfigFile(), explicit !== undefined || values.context !== undefined);
	const contextName = typeof values.context === 'string' ? values.context : config?.['currentContext'];
	if (config && typeof contextName === 'string') {
		const contexts = config['contexts'];
		const context = isObject(contexts) ? contexts[contextName] : undefined;
		if (!isObject(context)) {
			if (values.context !== undefined) throw new UsageError(`no context '${contextName}' in the config file`);
		} else {
			const agents = agentsFromContext(context, contextName, community, env);
			if (agents) return {agents, source: 'context'};
		}
	}
	return {agents: [], source: 'none'};
}

/** "pi1 127.0.1.1:1161 v2c" — never a community or key. */
export function describeAgentSpec(spec: AgentSpec): string {
	return `${spec.name} ${spec.host}:${spec.port} ${spec.v3 ? `v3 user ${spec.v3.name}` : 'v2c'}`;
}

/** A copy safe to print or log: community and keys replaced by "***". */
export function redactAgent(spec: AgentSpec): AgentSpec {
	const copy: AgentSpec = {...spec};
	if (copy.community !== undefined) copy.community = '***';
	if (spec.v3) {
		copy.v3 = {...spec.v3};
		if (copy.v3.authKey !== undefined) copy.v3.authKey = '***';
		if (copy.v3.privKey !== undefined) copy.v3.privKey = '***';
	}
	return copy;
}
