// The OID tables agree with each other: the collector's nine fields are the poller's columns for
// eth0 at ifIndex 2 and its scalars; every interface OID carries the watched ifIndex; laLoad's text
// becomes a number or null.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {COLUMN, columnOid, FLUME_NAMES, interfaceOids, LAB_OIDS, OID, parseLoad, SCALAR_OIDS} from '../../../source/snmp/oids.js';

test("the lab collector's OIDs are the poller's columns at ifIndex 2 and its scalars", () => {
	assert.equal(LAB_OIDS.tx_bytes, columnOid(COLUMN.ifOutOctets, 2));
	assert.equal(LAB_OIDS.rx_bytes, columnOid(COLUMN.ifInOctets, 2));
	assert.equal(LAB_OIDS.tx_drops, columnOid(COLUMN.ifOutDiscards, 2));
	assert.equal(LAB_OIDS.rx_drops, columnOid(COLUMN.ifInDiscards, 2));
	assert.equal(LAB_OIDS.tx_errors, columnOid(COLUMN.ifOutErrors, 2));
	assert.equal(LAB_OIDS.rx_errors, columnOid(COLUMN.ifInErrors, 2));
	assert.equal(LAB_OIDS.cpu_load, OID.laLoad1);
	assert.equal(LAB_OIDS.free_ram, OID.memAvailReal);
	assert.equal(LAB_OIDS.disk_util, OID.dskPercent1);
	assert.deepEqual(Object.keys(FLUME_NAMES).sort(), Object.keys(LAB_OIDS).sort(), 'every field has a Flume name');
	assert.equal(new Set(Object.values(FLUME_NAMES)).size, 9);
});

test('interfaceOids: eight distinct OIDs, each a known column ending in the ifIndex', () => {
	const oids = Object.values(interfaceOids(17));
	assert.equal(new Set(oids).size, 8);
	const columns = new Set<string>(Object.values(COLUMN));
	for (const oid of oids) {
		assert.match(oid, /\.17$/);
		assert.ok(columns.has(oid.slice(0, -'.17'.length)), `${oid} is a column of COLUMN`);
	}
	assert.equal(interfaceOids(2).hcIn, '1.3.6.1.2.1.31.1.1.1.6.2');
});

test('the per-tick scalars are distinct scalar OIDs (one GET asks each once)', () => {
	assert.equal(new Set(SCALAR_OIDS).size, SCALAR_OIDS.length);
	const scalars = new Set<string>(Object.values(OID));
	for (const oid of SCALAR_OIDS) assert.ok(scalars.has(oid), oid);
});

test('parseLoad: the agent\'s "1.35" as a number; absent or malformed is null', () => {
	assert.equal(parseLoad('1.35'), 1.35);
	assert.equal(parseLoad('0.00'), 0);
	assert.equal(parseLoad(2.5), 2.5);
	for (const value of ['', 'abc', 'NaN', null, undefined, 1n, Buffer.from('1.0')]) assert.equal(parseLoad(value), null, String(value));
});
