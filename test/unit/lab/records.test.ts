// The collector's record shapes (pure): Fluentd key order and quoting, Flume's org.json doubles.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {fluentdRecord, fluentdTime, flumeRecord, javaDouble, NO_SUCH_INSTANCE} from '../../../source/lab/records.js';
import {agentPort, agentHost} from '../../../source/lab/pis.js';
import {LAB_OIDS} from '../../../source/snmp/oids.js';

const values = new Map<string, number | string | bigint | null>([
	[LAB_OIDS.tx_bytes, 1181107],
	[LAB_OIDS.rx_bytes, 121373944],
	[LAB_OIDS.tx_drops, 0],
	[LAB_OIDS.rx_drops, 0],
	[LAB_OIDS.tx_errors, 0],
	[LAB_OIDS.rx_errors, 0],
	[LAB_OIDS.cpu_load, '1.35'],
	[LAB_OIDS.free_ram, 2925856],
	[LAB_OIDS.disk_util, 6],
]);
const at = new Date('2026-02-20T11:56:54.123Z');

test('fluentdRecord reproduces the Fluentd collector record of the Pi lab byte for byte', () => {
	assert.equal(
		fluentdRecord(values, at),
		'{"tx_bytes":1181107,"rx_bytes":121373944,"tx_drops":0,"rx_drops":0,"tx_errors":0,"rx_errors":0,"cpu_load":"1.35","free_ram":2925856,"disk_util":6,"time":"2026-02-20T11:56:54+0000"}',
	);
	assert.equal(fluentdTime(at), '2026-02-20T11:56:54+0000');
});

test('a missing OID makes the Fluentd record invalid JSON, as snmpget -Oqv output did', () => {
	const broken = new Map(values);
	broken.set(LAB_OIDS.disk_util, null);
	const record = fluentdRecord(broken, at);
	assert.ok(record.includes(`"disk_util":${NO_SUCH_INSTANCE},`));
	assert.throws(() => JSON.parse(record));
});

test('javaDouble writes doubles like Java/org.json: E-notation from 1e7, integral below', () => {
	assert.equal(javaDouble(13484189), '1.3484189E7');
	assert.equal(javaDouble(397255121), '3.97255121E8');
	assert.equal(javaDouble(10000000), '1.0E7');
	assert.equal(javaDouble(115428), '115428');
});

test('flumeRecord keeps the Flume key order and host identity', () => {
	const flume = new Map(values);
	flume.set(LAB_OIDS.tx_bytes, 13484189);
	flume.set(LAB_OIDS.rx_bytes, 397255121);
	flume.set(LAB_OIDS.free_ram, 115428);
	flume.set(LAB_OIDS.cpu_load, '0.42');
	flume.set(LAB_OIDS.disk_util, 7);
	flume.set(LAB_OIDS.rx_drops, 2083);
	assert.equal(
		flumeRecord(flume, '127.0.1.81', new Date(1648545743517)),
		'{"memory":115428,"tx":1.3484189E7,"rx":3.97255121E8,"ip":"127.0.1.81","cpu":0,"txDropped":0,"cp":"iot","deviceId":"rpi81","rxError":0,"disk":7,"rxDropped":2083,"txError":0,"timestamp":1648545743517}',
	);
});

test('Pi agents: 127.0.1.i, UDP port derived from the base port (9090 → 1161)', () => {
	assert.equal(agentPort(9090), 1161);
	assert.equal(agentPort(29090), 21161);
	assert.notEqual(agentPort(29190), agentPort(29090));
	assert.equal(agentHost(2), '127.0.1.2');
});
