// `enter` on an agent: larger per-metric charts (CPU %, memory %, rx, tx, load) over the history
// window, each with current / min / max. A pure function of (agent state, its series, width, height).
import React from 'react';
import {Lines} from '../lines.js';
import {formatRate, formatUptime, type AgentState} from '../../domain/metrics.js';
import type {HistoryMetric} from '../../domain/metrics-history.js';
import {barChart, seriesStats} from '../../domain/sparkline.js';
import {bold, paint} from '../theme.js';
import {clip} from '../table.js';
import {statusTone, type AgentSeries} from './agents-view.js';

export interface AgentDetailViewProps {
	agent: AgentState;
	series: AgentSeries | undefined;
	width: number;
	height: number;
	/** the history window, for the axis label (default 10 minutes) */
	windowMs?: number;
}

interface ChartDef {
	metric: HistoryMetric;
	label: string;
	format: (v: number | null) => string;
	min?: number;
	max?: number;
}

const percent = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)}%`);

export const DETAIL_CHARTS: ChartDef[] = [
	{metric: 'cpuPercent', label: 'CPU', format: percent, min: 0, max: 100},
	{metric: 'memUsedPercent', label: 'Memory used', format: percent, min: 0, max: 100},
	{metric: 'rxBytesPerSec', label: 'RX', format: formatRate},
	{metric: 'txBytesPerSec', label: 'TX', format: formatRate},
	{metric: 'load1', label: 'Load (1 min)', format: (v) => (v === null ? '–' : v.toFixed(2))},
];

/** Lines of the detail view; charts share the height left after the header (≥ 2 rows each). */
export function agentDetailLines({agent, series, width, height, windowMs = 600_000}: AgentDetailViewProps, colour = true): string[] {
	const m = agent.metrics;
	const lines: string[] = [];
	const head = `${agent.name}  ${agent.address}  ${agent.status}${agent.error ? ` (${agent.error})` : ''}`;
	lines.push(colour ? bold(clip(head, width)) : clip(head, width));
	const info = [
		`sysName ${m?.sysName ?? '–'}`,
		`up ${formatUptime(m?.uptimeSeconds ?? null)}`,
		`if ${agent.ifDescr ?? '–'}${agent.ifIndex !== null ? ` (#${agent.ifIndex}, ${m?.counterBits ?? '?'}-bit counters)` : ''}`,
		`disk ${m?.diskPercent ?? '–'}%`,
		`mem ${m?.memTotalKB ? `${Math.round(m.memTotalKB / 1024)} MiB` : '–'}`,
		agent.security,
		`rtt ${agent.latencyMs ?? '–'} ms`,
	].join('  ');
	lines.push(colour ? paint('dim', clip(info, width)) : clip(info, width));
	const room = height - lines.length;
	// each chart: a label line + its rows; fewer charts when there is no room for 2 rows each
	const count = Math.max(0, Math.min(DETAIL_CHARTS.length, Math.floor(room / 3)));
	const rows = count ? Math.max(2, Math.floor(room / count) - 1) : 0;
	const minutes = Math.round(windowMs / 60_000);
	for (const chart of DETAIL_CHARTS.slice(0, count)) {
		const values = series?.[chart.metric] ?? [];
		const stats = seriesStats(values);
		const label = `${chart.label}  now ${chart.format(stats.current)}  min ${chart.format(stats.min)}  max ${chart.format(stats.max)}  (last ${minutes} min)`;
		lines.push(colour ? bold(clip(label, width)) : clip(label, width));
		const bars = barChart(values, width, rows, {min: chart.min, max: chart.max});
		for (const bar of bars) lines.push(colour ? paint(statusTone(agent.status) === 'bad' ? 'dim' : 'accent', bar) : bar);
	}
	return lines.slice(0, Math.max(0, height));
}

export function AgentDetailView(props: AgentDetailViewProps) {
	return <Lines lines={agentDetailLines(props)} width={props.width} height={props.height} />;
}
