// The collector's records on topic `resource`, byte-for-byte as the Pi lab's Fluentd (and older Flume)
// collectors write them, so consumers built against the real lab read the local one unchanged.
import {LAB_OIDS, type LabField} from '../snmp/oids.js';
import type {SnmpValue} from '../snmp/client.js';

/** What `snmpget -Oqv` prints for an OID the agent does not have: the Fluentd record turns invalid. */
export const NO_SUCH_INSTANCE = 'No Such Instance currently exists at this OID';

/** `2026-02-20T11:56:54+0000` (Fluentd's time_format %Y-%m-%dT%H:%M:%S%z, UTC). */
export function fluentdTime(date: Date): string {
	return date.toISOString().slice(0, 19) + '+0000';
}

function plain(value: SnmpValue | undefined): string {
	if (value === null || value === undefined) return NO_SUCH_INSTANCE;
	return String(value);
}

/**
 * The Fluentd collector's record: nine fields in the lab's order, cpu_load as a quoted string,
 * then `time`. Values are pasted as `snmpget -Oqv` prints them, so a missing OID gives invalid JSON.
 */
export function fluentdRecord(values: Map<string, SnmpValue>, date: Date): string {
	const field = (name: LabField) => plain(values.get(LAB_OIDS[name]));
	return (
		`{"tx_bytes":${field('tx_bytes')},"rx_bytes":${field('rx_bytes')},"tx_drops":${field('tx_drops')},` +
		`"rx_drops":${field('rx_drops')},"tx_errors":${field('tx_errors')},"rx_errors":${field('rx_errors')},` +
		`"cpu_load":"${field('cpu_load')}","free_ram":${field('free_ram')},"disk_util":${field('disk_util')},` +
		`"time":"${fluentdTime(date)}"}`
	);
}

/** Java's Double.toString as org.json writes it: E-notation from 1e7 up, integral values without ".0". */
export function javaDouble(x: number): string {
	if (Math.abs(x) >= 1e7) {
		const [mantissa, exponent] = x.toExponential().split('e');
		return `${mantissa!.includes('.') ? mantissa : mantissa + '.0'}E${Number(exponent)}`;
	}
	return String(x);
}

function num(value: SnmpValue | undefined): number {
	if (value === null || value === undefined) return 0;
	const n = Number(value);
	return Number.isFinite(n) ? n : 0;
}

/**
 * The Flume collector's record (older labs): org.json HashMap key order, tx/rx as doubles,
 * host identity (ip, deviceId `rpi<last octet>`, cp `iot`) and a millisecond timestamp.
 */
export function flumeRecord(values: Map<string, SnmpValue>, host: string, date: Date): string {
	const get = (name: LabField) => values.get(LAB_OIDS[name]);
	const octet = host.split('.').pop();
	return (
		`{"memory":${num(get('free_ram'))},"tx":${javaDouble(num(get('tx_bytes')))},"rx":${javaDouble(num(get('rx_bytes')))},` +
		`"ip":${JSON.stringify(host)},"cpu":${Math.trunc(num(get('cpu_load')))},"txDropped":${num(get('tx_drops'))},` +
		`"cp":"iot","deviceId":"rpi${octet}","rxError":${num(get('rx_errors'))},"disk":${num(get('disk_util'))},` +
		`"rxDropped":${num(get('rx_drops'))},"txError":${num(get('tx_errors'))},"timestamp":${date.getTime()}}`
	);
}
