import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	chooseInterface,
	counterDelta,
	CounterRate,
	CpuMeter,
	formatRate,
	formatUptime,
	memUsedPercent,
	MetricsDeriver,
	type RawSample,
} from '../../../source/domain/metrics.js';

const TWO32 = 2 ** 32;

test('counterDelta wraps Counter32 at 2^32', () => {
	assert.equal(counterDelta(10n, 25n, 32), 15n);
	assert.equal(counterDelta(BigInt(TWO32 - 100), 50n, 32), 150n);
	assert.equal(counterDelta(2n ** 64n - 1n, 4n, 64), 5n);
});

test('Counter32 wrap gives the right rate', () => {
	const rate = new CounterRate(32);
	assert.equal(rate.update(TWO32 - 1_000_000, 0), null); // first sample: no rate yet
	// 3 MB later, 1 s later, the counter passed 2^32 and reads 2_000_000
	assert.equal(rate.update(2_000_000, 1000), 3_000_000);
	// and once more without wrap
	assert.equal(rate.update(2_500_000, 2000), 500_000);
});

test('a repeated (cached) counter value carries the last rate, then reads 0 once stale', () => {
	const rate = new CounterRate(64, 10_000);
	rate.update(1000n, 0);
	assert.equal(rate.update(4000n, 3000), 1000); // 3000 bytes over 3 s
	assert.equal(rate.update(4000n, 4000), 1000); // snmpd cache: same value, rate carried
	assert.equal(rate.update(4000n, 12_000), 1000);
	assert.equal(rate.update(4000n, 13_000), 0); // 10 s without change: really idle
	// the next change is timed from when 4000 was first seen (3000 ms)
	assert.equal(rate.update(14_000n, 13_000 + 0), 1000);
});

test('a Counter64 going back is a reset (no absurd rate); a restart resets Counter32 too', () => {
	const rate64 = new CounterRate(64);
	rate64.update(5_000_000n, 0);
	assert.equal(rate64.update(100n, 1000), null);
	assert.equal(rate64.update(1100n, 2000), 1000);
	const rate32 = new CounterRate(32);
	rate32.update(5_000_000, 0);
	assert.equal(rate32.update(100, 1000, true), null);
});

test('CPU % from ssCpuRaw deltas; zeros before snmpd loads CPU stats are ignored; cached repeats carry', () => {
	const cpu = new CpuMeter();
	assert.equal(cpu.update({user: 0, nice: 0, system: 0, idle: 0, wait: 0}), null);
	assert.equal(cpu.update({user: 1000, nice: 0, system: 500, idle: 8000, wait: 100}), null);
	// +300 user, +100 system, +600 idle → 40 % busy
	assert.equal(cpu.update({user: 1300, nice: 0, system: 600, idle: 8600, wait: 100}), 40);
	assert.equal(cpu.update({user: 1300, nice: 0, system: 600, idle: 8600, wait: 100}), 40);
	// wait counts as not busy; Counter32 wrap on idle
	const c2 = new CpuMeter();
	c2.update({user: 10, nice: null, system: 10, idle: TWO32 - 50, wait: null});
	assert.equal(c2.update({user: 60, nice: null, system: 60, idle: 50, wait: null}), 50);
});

test('memory used % from memTotalReal and memAvailReal', () => {
	assert.equal(memUsedPercent(4_000_000, 3_000_000), 25);
	assert.equal(memUsedPercent(null, 3), null);
	assert.equal(memUsedPercent(0, 0), null);
});

function sample(at: number, extra: Partial<RawSample> = {}): RawSample {
	return {
		at,
		sysName: 'pi',
		uptimeTicks: at / 10,
		memTotalKB: 1000,
		memAvailKB: 250,
		cpu: {user: at, nice: 0, system: 0, idle: at, wait: 0},
		load1: 0.5,
		diskPercent: 7,
		ifIndex: 2,
		ifDescr: 'eth0',
		hcInOctets: BigInt(at * 10),
		hcOutOctets: BigInt(at),
		inOctets32: (at * 10) % TWO32,
		outOctets32: at % TWO32,
		...extra,
	};
}

test('MetricsDeriver: HC counters preferred, Counter32 fallback with wrap, restart detected by uptime', () => {
	const d = new MetricsDeriver();
	const first = d.update(sample(1000));
	assert.equal(first.rxBytesPerSec, null);
	assert.equal(first.memUsedPercent, 75);
	assert.equal(first.uptimeSeconds, 1);
	const second = d.update(sample(2000));
	assert.equal(second.rxBytesPerSec, 10_000);
	assert.equal(second.txBytesPerSec, 1000);
	assert.equal(second.cpuPercent, 50);
	assert.equal(second.counterBits, 64);

	const d32 = new MetricsDeriver();
	d32.update(sample(0, {hcInOctets: null, hcOutOctets: null, inOctets32: TWO32 - 500, outOctets32: 0}));
	const wrapped = d32.update(sample(2000, {hcInOctets: null, hcOutOctets: null, inOctets32: 1500, outOctets32: 4000}));
	assert.equal(wrapped.counterBits, 32);
	assert.equal(wrapped.rxBytesPerSec, 1000); // 2000 bytes across the wrap in 2 s
	assert.equal(wrapped.txBytesPerSec, 2000);

	const restart = d.update(sample(3000, {uptimeTicks: 5, hcInOctets: 10n, hcOutOctets: 10n}));
	assert.equal(restart.rxBytesPerSec, null);
});

test('interface chosen by ifDescr: eth0 wherever it is, else the first non-loopback', () => {
	assert.deepEqual(
		chooseInterface([
			{ifIndex: 1, descr: 'lo'},
			{ifIndex: 2, descr: 'ifb0'},
			{ifIndex: 4, descr: 'eth0'},
		]),
		{ifIndex: 4, descr: 'eth0'},
	);
	assert.deepEqual(
		chooseInterface([
			{ifIndex: 3, descr: 'wlan0'},
			{ifIndex: 1, descr: 'lo'},
		]),
		{ifIndex: 3, descr: 'wlan0'},
	);
	assert.equal(chooseInterface([{ifIndex: 1, descr: 'lo'}]), null);
});

test('formatting helpers', () => {
	assert.equal(formatRate(950), '950 B/s');
	assert.equal(formatRate(1_234_567), '1.2 MB/s');
	assert.equal(formatRate(null), '–');
	assert.equal(formatUptime(3 * 86400 + 4 * 3600), '3d 4h');
	assert.equal(formatUptime(423), '7m 3s');
});
