// `:agents` — one row per Pi agent: name, address, status, uptime, CPU % + sparkline, load,
// memory % + sparkline, disk %, rx/tx rate + sparkline. A pure function of its props (the agents'
// states, their metric series, width, height, cursor): no polling, no keys, no timers here.
// The console mounts it and owns the AgentPoller (source/snmp/poller.ts): states() and
// history.snapshot(name) are exactly the props this view takes.
import React from 'react';
import {Lines} from '../lines.js';
import {agentsUp, formatRate, formatUptime, type AgentState, type AgentStatus} from '../../domain/metrics.js';
import type {SeriesByMetric} from '../../domain/metrics-history.js';
import {sparkline} from '../../domain/sparkline.js';
import type {Tone} from '../../present/cells.js';
import {bold, inverse, paint} from '../theme.js';
import {cutToWidth, displayWidth, padToWidth} from '../../present/display-width.js';

export type AgentSeries = SeriesByMetric;

export interface AgentsViewProps {
	agents: readonly AgentState[];
	/** per agent name: its metric history (oldest first); missing = no history yet */
	series: Readonly<Record<string, AgentSeries | undefined>>;
	width: number;
	height: number;
	/** index of the selected row (reverse video); none when undefined */
	cursor?: number;
	/** draw the "Agents M/N up" title line (false when the console's title bar shows it) */
	title?: boolean;
}

export function statusTone(status: AgentStatus): Tone {
	switch (status) {
		case 'ok':
			return 'ok';
		case 'slow':
		case 'partial':
			return 'warn';
		case 'pending':
			return 'dim';
		default:
			return 'bad';
	}
}

function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	return width <= 0 ? '' : padToWidth(text, width, align);
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v.toFixed(v >= 99.95 ? 0 : 1)}`);

/** Total throughput per sample (rx + tx), null where neither is known. */
export function netSeries(series: AgentSeries | undefined): Array<number | null> {
	if (!series) return [];
	return series.rxBytesPerSec.map((rx, i) => {
		const tx = series.txBytesPerSec[i] ?? null;
		return rx === null && tx === null ? null : (rx ?? 0) + (tx ?? 0);
	});
}

interface Layout {
	name: number;
	address: number;
	status: number;
	uptime: number;
	spark: number;
	showAddress: boolean;
}

/** Column widths for `width`: sparklines share what fixed columns leave (4..30 cells each). */
export function agentsLayout(agents: readonly AgentState[], width: number): Layout {
	const name = Math.max(4, Math.min(16, ...agents.map((a) => displayWidth(a.name))));
	const address = Math.max(7, Math.min(21, ...agents.map((a) => a.address.length)));
	const status = 11;
	const uptime = 7;
	// NAME ADDRESS STATUS UPTIME CPU% ▁▂ LOAD MEM% ▁▂ DISK% RX TX ▁▂ (12 gaps)
	const fixed = (showAddress: boolean) => name + (showAddress ? address + 1 : 0) + status + uptime + 5 + 5 + 5 + 5 + 9 + 9 + 11;
	let showAddress = true;
	let spark = Math.floor((width - fixed(true) - 3) / 3);
	if (spark < 4) {
		showAddress = false;
		spark = Math.floor((width - fixed(false) - 3) / 3);
	}
	spark = Math.max(0, Math.min(30, spark));
	if (spark < 4) spark = 0;
	return {name, address, status, uptime, spark, showAddress};
}

interface Cell {
	text: string;
	tone?: Tone;
}

function rowCells(agent: AgentState, series: AgentSeries | undefined, l: Layout): Cell[] {
	const answered = agent.status === 'ok' || agent.status === 'slow' || agent.status === 'partial';
	// no current values for an agent that did not answer (its sparklines keep the history, with a gap)
	const m = answered ? agent.metrics : null;
	const stale: Tone | undefined = answered ? undefined : 'dim';
	const cells: Cell[] = [{text: fit(agent.name, l.name)}];
	if (l.showAddress) cells.push({text: fit(agent.address, l.address), tone: 'dim'});
	cells.push({text: fit(agent.status, l.status), tone: statusTone(agent.status)});
	cells.push({text: fit(answered ? formatUptime(m?.uptimeSeconds ?? null) : '–', l.uptime, 'right'), tone: stale});
	cells.push({text: fit(pct(m?.cpuPercent), 5, 'right'), tone: stale});
	if (l.spark) cells.push({text: sparkline(series?.cpuPercent ?? [], l.spark, {min: 0, max: 100}), tone: 'accent'});
	cells.push({text: fit(m?.load1 == null ? '–' : m.load1.toFixed(2), 5, 'right'), tone: stale});
	cells.push({text: fit(pct(m?.memUsedPercent), 5, 'right'), tone: stale});
	if (l.spark) cells.push({text: sparkline(series?.memUsedPercent ?? [], l.spark, {min: 0, max: 100}), tone: 'accent'});
	cells.push({text: fit(m?.diskPercent == null ? '–' : String(m.diskPercent), 5, 'right'), tone: stale});
	cells.push({text: fit(formatRate(m?.rxBytesPerSec ?? null), 9, 'right'), tone: stale});
	cells.push({text: fit(formatRate(m?.txBytesPerSec ?? null), 9, 'right'), tone: stale});
	if (l.spark) cells.push({text: sparkline(netSeries(series), l.spark), tone: 'accent'});
	return cells;
}

function headerCells(l: Layout): string[] {
	const h = [fit('NAME', l.name)];
	if (l.showAddress) h.push(fit('ADDRESS', l.address));
	h.push(fit('STATUS', l.status), fit('UPTIME', l.uptime, 'right'), fit('CPU%', 5, 'right'));
	if (l.spark) h.push(fit('', l.spark));
	h.push(fit('LOAD', 5, 'right'), fit('MEM%', 5, 'right'));
	if (l.spark) h.push(fit('', l.spark));
	h.push(fit('DISK%', 5, 'right'), fit('RX', 9, 'right'), fit('TX', 9, 'right'));
	if (l.spark) h.push(fit('rx+tx', l.spark));
	return h;
}

/** The view's lines (title, header, rows, problems), each at most `width` columns; plain or coloured. */
export function agentsViewLines({agents, series, width, height, cursor, title: showTitle = true}: AgentsViewProps, colour = true): string[] {
	const l = agentsLayout(agents, width);
	const {up, total} = agentsUp(agents);
	const clip = (s: string) => fit(s, width).trimEnd();
	const title = `Agents ${up}/${total} up`;
	const lines: string[] = showTitle ? [colour ? bold(clip(title)) : clip(title)] : [];
	if (agents.length === 0) {
		lines.push(clip('no agents: start kcon with --lab, --agent NAME=HOST[:PORT], or KCON_AGENTS'));
		return lines.slice(0, Math.max(0, height));
	}
	const header = clip(headerCells(l).join(' '));
	lines.push(colour ? bold(header) : header);
	const problems = agents.filter((a) => a.error && a.status !== 'ok');
	// rows first; the reasons of the agents that are not ok take what is left below them
	const rowRoom = Math.max(0, height - lines.length);
	// keep the cursor in view
	const offset = cursor !== undefined && cursor >= rowRoom ? cursor - rowRoom + 1 : 0;
	agents.slice(offset, offset + rowRoom).forEach((agent, i) => {
		const cells = rowCells(agent, series[agent.name], l);
		const plain = clip(cells.map((c) => c.text).join(' '));
		if (!colour) return lines.push(plain);
		if (offset + i === cursor) return lines.push(inverse(plain));
		// colour per cell, clipped to the width as a whole
		let used = 0;
		let out = '';
		for (const [k, c] of cells.entries()) {
			const text = (k > 0 ? ' ' : '') + c.text;
			const room = width - used;
			if (room <= 0) break;
			const piece = displayWidth(text) > room ? cutToWidth(text, room) : text;
			out += k > 0 ? ' ' + paint(c.tone, piece.slice(1)) : paint(c.tone, piece);
			used += displayWidth(piece);
		}
		lines.push(out.trimEnd());
	});
	if (problems.length && lines.length < height) {
		lines.push('');
		for (const a of problems.slice(0, Math.min(3, height - lines.length))) {
			const text = clip(`${a.name}: ${a.error}`);
			lines.push(colour ? paint(statusTone(a.status), text) : text);
		}
	}
	return lines.slice(0, Math.max(0, height));
}

export function AgentsView(props: AgentsViewProps) {
	return <Lines lines={agentsViewLines(props)} width={props.width} height={props.height} />;
}
