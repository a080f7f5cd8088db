// `kcon describe agents [-o json] [--interval S]`: the Pi agents' host metrics, one row per agent.
// Samples twice, `--interval` seconds apart (rates and CPU % need two samples). Net-SNMP caches its
// counters for a few seconds (ifTable ~3 s, CPU ~5 s), so while an answering agent's counters have
// not moved yet, it samples again every half second, at most 6 s more.
// Exit 0 when every agent answered, 1 when any did not (rows for all), 2 usage.
import type {CommandContext} from './context.js';
import {outputFormat, parseConnectionArgs} from '../config/args.js';
import {seconds} from '../domain/numbers.js';
import {resolveAgents} from '../config/agents.js';
import {UsageError} from '../errors.js';
import {AgentPoller, type AgentState} from '../snmp/poller.js';
import {formatRate, formatUptime, type DerivedMetrics} from '../domain/metrics.js';
import {toJson} from '../present/json.js';
import {forText} from '../terminal-safe.js';
import {writeJson, writeOut} from '../terminal-out.js';

const options = {interval: {type: 'string'}, timeout: {type: 'string'}} as const;

/** One agent as `describe agents` prints it: its derived metrics (rounded) plus where and how it answered. */
export interface AgentRow extends DerivedMetrics {
	name: string;
	address: string;
	reachable: boolean;
	status: string;
	error: string | null;
	interface: string | null;
	ifIndex: number | null;
	latencyMs: number | null;
	security: string;
}

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));

export function agentRow(state: AgentState): AgentRow {
	const reachable = state.status === 'ok' || state.status === 'slow' || state.status === 'partial';
	const m = reachable ? state.metrics : null;
	return {
		name: state.name,
		address: state.address,
		reachable,
		status: state.status,
		error: state.error,
		sysName: m?.sysName ?? null,
		uptimeSeconds: m?.uptimeSeconds ?? null,
		cpuPercent: round(m?.cpuPercent ?? null, 1),
		load1: m?.load1 ?? null,
		memTotalKB: m?.memTotalKB ?? null,
		memAvailKB: m?.memAvailKB ?? null,
		memUsedPercent: round(m?.memUsedPercent ?? null, 1),
		diskPercent: m?.diskPercent ?? null,
		rxBytesPerSec: round(m?.rxBytesPerSec ?? null, 0),
		txBytesPerSec: round(m?.txBytesPerSec ?? null, 0),
		interface: reachable ? state.ifDescr : null,
		ifIndex: reachable ? state.ifIndex : null,
		counterBits: m?.counterBits ?? null,
		latencyMs: reachable ? state.latencyMs : null,
		security: state.security,
	};
}

const dash = (v: unknown) => (v === null || v === undefined ? '–' : String(v));

/** Text table (columns sized to content) plus one line per agent that did not answer fully. */
export function renderAgentsText(agents: readonly AgentRow[]): string {
	const rows = forText(agents);
	const header = ['NAME', 'ADDRESS', 'STATUS', 'SYSNAME', 'UPTIME', 'CPU%', 'LOAD', 'MEM%', 'DISK%', 'IF', 'RX', 'TX'];
	const body = rows.map((r) => [
		r.name,
		r.address,
		r.status,
		dash(r.sysName),
		r.reachable ? formatUptime(r.uptimeSeconds) : '–',
		r.cpuPercent === null ? '–' : r.cpuPercent.toFixed(1),
		r.load1 === null ? '–' : r.load1.toFixed(2),
		r.memUsedPercent === null ? '–' : r.memUsedPercent.toFixed(1),
		dash(r.diskPercent),
		dash(r.interface),
		formatRate(r.rxBytesPerSec),
		formatRate(r.txBytesPerSec),
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
			.join('  ')
			.trimEnd();
	const out = [line(header), ...body.map(line)];
	const problems = rows.filter((r) => r.error);
	if (problems.length > 0) {
		out.push('');
		for (const r of problems) out.push(`${r.name}: ${r.status}: ${r.error}`);
	}
	return out.join('\n') + '\n';
}

function secondsFlag(name: string, value: string | undefined, fallback: number, min: number): number {
	return value === undefined ? fallback : seconds(value, `--${name}`, min);
}

const needsMore = (s: AgentState) =>
	(s.status === 'ok' || s.status === 'slow' || s.status === 'partial') &&
	s.metrics !== null &&
	((s.metrics.cpuPercent === null && s.metrics.counterBits !== null) ||
		(s.metrics.counterBits !== null && (s.metrics.rxBytesPerSec === null || s.metrics.txBytesPerSec === null)));

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseConnectionArgs(ctx.argv, options);
	if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
	const format = outputFormat(values);
	const interval = secondsFlag('interval', values.interval, 1, 0.1);
	const timeout = secondsFlag('timeout', values.timeout, 2, 0.1);
	const {agents} = resolveAgents(values);
	if (agents.length === 0) {
		throw new UsageError('no agents: use --agent NAME=HOST[:PORT], --lab, KCON_AGENTS, or a config context with agents');
	}

	const poller = new AgentPoller(agents, {intervalMs: interval * 1000, timeoutMs: timeout * 1000, slowMs: 1000});
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
	try {
		const started = Date.now();
		await poller.pollOnce();
		await sleep(Math.max(0, interval * 1000 - (Date.now() - started)));
		await poller.pollOnce();
		const deadline = Date.now() + 6000;
		while (poller.states().some(needsMore) && Date.now() < deadline) {
			await sleep(500);
			await poller.pollOnce();
		}
	} finally {
		poller.close();
	}

	const rows = poller.states().map(agentRow);
	if (format === 'json') {
		writeJson(toJson({takenAt: new Date().toISOString(), intervalSeconds: interval, agents: rows}) + '\n');
	} else {
		writeOut(renderAgentsText(rows));
	}
	return rows.every((r) => r.reachable) ? 0 : 1;
}
