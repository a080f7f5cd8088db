// One line per message for `kcon tail` (text) and the console's tail list:
// time, partition@offset, key, value. Lab records are shown as decoded fields, other JSON compacted,
// everything else escaped so that no payload can drive the terminal.
import {isUtf8} from 'node:buffer';
import type {TailRecord} from '../domain/tail.js';
import {decodeLabRecord, type LabRecord} from '../domain/lab-records.js';
import {compactJson, escapeControl, safeText} from './message-safe.js';

export function formatTime(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '-'.padEnd(24);
	return new Date(ms).toISOString();
}

function formatNumber(n: number): string {
	return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Compact human units for byte counters: 121373944 → 115.8 MiB. */
export function formatBytes(n: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let v = n;
	let i = 0;
	while (Math.abs(v) >= 1024 && i < units.length - 1) {
		v /= 1024;
		i++;
	}
	return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

export interface LabField {
	label: string;
	value: string;
}

/** The decoded fields of a lab record, in display order; missing values are left out. */
export function labFields(rec: LabRecord): LabField[] {
	const f: LabField[] = [];
	const add = (label: string, value: number | string | null, fmt: (v: never) => string = String) => {
		if (value !== null) f.push({label, value: fmt(value as never)});
	};
	add('device', rec.device);
	add('ip', rec.ip);
	add('cpu_load', rec.cpuLoad, formatNumber as (v: never) => string);
	add('free_ram', rec.freeRamMb, ((v: number) => `${formatNumber(v)} MB`) as (v: never) => string);
	add('disk_util', rec.diskUtilPct, ((v: number) => `${formatNumber(v)}%`) as (v: never) => string);
	add('rx', rec.rxBytes, formatBytes as (v: never) => string);
	add('tx', rec.txBytes, formatBytes as (v: never) => string);
	const problems = (rec.rxDrops ?? 0) + (rec.txDrops ?? 0) + (rec.rxErrors ?? 0) + (rec.txErrors ?? 0);
	if (problems > 0) {
		add('drops', `${rec.rxDrops ?? 0}/${rec.txDrops ?? 0}`);
		add('errors', `${rec.rxErrors ?? 0}/${rec.txErrors ?? 0}`);
	}
	return f;
}

export function labRecordText(rec: LabRecord): string {
	return `[${rec.format}] ` + labFields(rec).map((x) => `${x.label}=${escapeControl(x.value)}`).join(' ');
}

/** The value part of a line: decoded lab record, compact JSON, or escaped text. */
export function valueText(value: Buffer | null): string {
	if (value === null) return 'null';
	if (!isUtf8(value)) return safeText(value);
	const text = value.toString('utf8');
	const lab = decodeLabRecord(text);
	if (lab) return labRecordText(lab);
	const json = compactJson(text);
	return escapeControl(json ?? text);
}

export function keyText(key: Buffer | null): string {
	return key === null ? '-' : safeText(key);
}

export function messageTextLine(r: TailRecord): string {
	return `${formatTime(r.timestamp)}  p${r.partition}@${r.offset}  ${keyText(r.key)}  ${valueText(r.value)}`;
}

/** Whole message for the detail view: header lines then a pretty value. All strings escaped. */
export function messageDetailLines(r: TailRecord): string[] {
	const lines = [
		`topic      ${escapeControl(r.topic)}`,
		`partition  ${r.partition}`,
		`offset     ${r.offset}`,
		`time       ${formatTime(r.timestamp)} (${r.timestampType})`,
		`key        ${keyText(r.key)}`,
	];
	if (r.headers.length === 0) {
		lines.push('headers    -');
	} else {
		lines.push('headers');
		for (const h of r.headers) lines.push(`  ${escapeControl(h.key)}: ${h.value === null ? 'null' : safeText(h.value)}`);
	}
	lines.push(`size       ${r.value?.length ?? 0} B`);
	lines.push('value');
	if (r.value === null) {
		lines.push('  null');
		return lines;
	}
	const text = isUtf8(r.value) ? r.value.toString('utf8') : null;
	const lab = text !== null ? decodeLabRecord(text) : null;
	if (lab) {
		lines.push(`  format: ${lab.format}`);
		for (const field of labFields(lab)) lines.push(`  ${field.label}: ${escapeControl(field.value)}`);
		if (lab.time !== null) lines.push(`  sampled: ${formatTime(lab.time)}`);
		lines.push('raw');
	}
	if (text !== null) {
		let pretty: string | null = null;
		const t = text.trim();
		if (t.startsWith('{') || t.startsWith('[')) {
			try {
				pretty = JSON.stringify(JSON.parse(t), null, 2);
			} catch {
				pretty = null;
			}
		}
		for (const line of (pretty ?? text).split('\n')) lines.push('  ' + escapeControl(line));
	} else {
		lines.push('  ' + safeText(r.value));
	}
	return lines;
}
