// Pure decoders for the records the SmartX lab collectors publish on `resource`: the Fluentd
// format (2026 labs) and the Flume format (older labs).

export type LabRecordFormat = 'fluentd' | 'flume';

export interface LabRecord {
	format: LabRecordFormat;
	/** 1-minute load average (laLoad.1) */
	cpuLoad: number | null;
	/** memAvailReal in MB (the agents report kB) */
	freeRamMb: number | null;
	/** dskPercent.1, % */
	diskUtilPct: number | null;
	rxBytes: number | null;
	txBytes: number | null;
	rxDrops: number | null;
	txDrops: number | null;
	rxErrors: number | null;
	txErrors: number | null;
	/** sample time, epoch ms, when the record carries one */
	time: number | null;
	/** who sent it: Flume's deviceId / ip; Fluentd records carry no identity */
	device: string | null;
	ip: string | null;
}

const FLUENTD_KEYS = ['tx_bytes', 'rx_bytes', 'cpu_load', 'free_ram'] as const;
const FLUME_KEYS = ['memory', 'tx', 'rx', 'cpu'] as const;

function num(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
	return null;
}

function int(value: unknown): number | null {
	const n = num(value);
	return n === null ? null : Math.round(n);
}

function kbToMb(value: unknown): number | null {
	const n = num(value);
	return n === null ? null : Math.round((n / 1024) * 10) / 10;
}

function str(value: unknown): string | null {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

/** Fluentd writes `2026-02-20T11:56:54+0000`; accept that, ISO forms, and epoch numbers. */
export function parseLabTime(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
	if (typeof value !== 'string') return null;
	const fixed = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	const ms = Date.parse(fixed);
	return Number.isNaN(ms) ? null : ms;
}

/** Decode an already-parsed JSON object, or null if it is neither lab format. */
export function decodeLabObject(obj: unknown): LabRecord | null {
	if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return null;
	const o = obj as Record<string, unknown>;
	if (FLUENTD_KEYS.every((k) => k in o)) {
		return {
			format: 'fluentd',
			cpuLoad: num(o['cpu_load']),
			freeRamMb: kbToMb(o['free_ram']),
			diskUtilPct: num(o['disk_util']),
			rxBytes: int(o['rx_bytes']),
			txBytes: int(o['tx_bytes']),
			rxDrops: int(o['rx_drops']),
			txDrops: int(o['tx_drops']),
			rxErrors: int(o['rx_errors']),
			txErrors: int(o['tx_errors']),
			time: parseLabTime(o['time']),
			device: null,
			ip: null,
		};
	}
	if (FLUME_KEYS.every((k) => k in o)) {
		return {
			format: 'flume',
			cpuLoad: num(o['cpu']),
			freeRamMb: kbToMb(o['memory']),
			diskUtilPct: num(o['disk']),
			rxBytes: int(o['rx']),
			txBytes: int(o['tx']),
			rxDrops: int(o['rxDropped']),
			txDrops: int(o['txDropped']),
			rxErrors: int(o['rxError']),
			txErrors: int(o['txError']),
			time: parseLabTime(o['timestamp']),
			device: str(o['deviceId']),
			ip: str(o['ip']),
		};
	}
	return null;
}

/** Decode a message value (text of JSON) into a lab record, or null. Never throws. */
export function decodeLabRecord(text: string): LabRecord | null {
	const t = text.trim();
	if (!t.startsWith('{') || !t.endsWith('}')) return null;
	try {
		return decodeLabObject(JSON.parse(t));
	} catch {
		return null;
	}
}
