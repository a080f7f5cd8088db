import test from 'node:test';
import assert from 'node:assert/strict';
import {decodeLabRecord, parseLabTime} from '../../../source/domain/lab-records.js';

// Samples exactly as the lab's collectors publish them.
const FLUENTD =
	'{"tx_bytes":1181107,"rx_bytes":121373944,"tx_drops":0,"rx_drops":0,"tx_errors":0,"rx_errors":0,"cpu_load":"1.35","free_ram":2925856,"disk_util":6,"time":"2026-02-20T11:56:54+0000"}';
const FLUME =
	'{"memory":115428,"tx":1.3484189E7,"rx":3.97255121E8,"ip":"203.237.53.81","cpu":0,"txDropped":0,"cp":"iot","deviceId":"rpi81","rxError":0,"disk":7,"rxDropped":2083,"txError":0,"timestamp":1648545743517}';

test('Fluentd record: quoted cpu_load, free_ram kB → MB, disk %, counters, time with +0000', () => {
	const r = decodeLabRecord(FLUENTD);
	assert.ok(r);
	assert.equal(r.format, 'fluentd');
	assert.equal(r.cpuLoad, 1.35);
	assert.equal(r.freeRamMb, 2857.3); // 2925856 / 1024 = 2857.28
	assert.equal(r.diskUtilPct, 6);
	assert.equal(r.rxBytes, 121373944);
	assert.equal(r.txBytes, 1181107);
	assert.equal(r.rxDrops, 0);
	assert.equal(r.time, Date.parse('2026-02-20T11:56:54Z'));
	assert.equal(r.device, null);
});

test('Flume record: E-notation counters, memory kB → MB, device identity, epoch ms', () => {
	const r = decodeLabRecord(FLUME);
	assert.ok(r);
	assert.equal(r.format, 'flume');
	assert.equal(r.txBytes, 13484189);
	assert.equal(r.rxBytes, 397255121);
	assert.equal(r.freeRamMb, 112.7); // 115428 / 1024 = 112.72
	assert.equal(r.cpuLoad, 0);
	assert.equal(r.diskUtilPct, 7);
	assert.equal(r.rxDrops, 2083);
	assert.equal(r.device, 'rpi81');
	assert.equal(r.ip, '203.237.53.81');
	assert.equal(r.time, 1648545743517);
});

test('not a lab record: other JSON, invalid JSON (a failed OID), plain text', () => {
	assert.equal(decodeLabRecord('{"hello":1}'), null);
	assert.equal(decodeLabRecord('{"tx_bytes":,"rx_bytes":1,"cpu_load":"1","free_ram":2}'), null);
	assert.equal(decodeLabRecord('hello'), null);
	assert.equal(decodeLabRecord('[1,2]'), null);
	assert.equal(decodeLabRecord(''), null);
});

test('a lab record with a missing OID value keeps the others', () => {
	const r = decodeLabRecord('{"tx_bytes":1,"rx_bytes":2,"cpu_load":"","free_ram":1024,"disk_util":null}');
	assert.ok(r);
	assert.equal(r.cpuLoad, null);
	assert.equal(r.freeRamMb, 1);
	assert.equal(r.diskUtilPct, null);
});

test('lab times', () => {
	assert.equal(parseLabTime('2026-02-20T11:56:54+0000'), Date.parse('2026-02-20T11:56:54Z'));
	assert.equal(parseLabTime(1648545743), 1648545743000);
	assert.equal(parseLabTime('soon'), null);
});
