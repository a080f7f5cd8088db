// What an agent's varbinds become in kcon (numbers, bigints for Counter64, text, null for "no
// value"), and how a target is named in messages (never with its keys).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import snmp from 'net-snmp';
import {bufferToBigInt, convertVarbind, describeTarget} from '../../../source/snmp/client.js';

const varbind = (type: snmp.ObjectType, value: unknown): snmp.Varbind => ({oid: '1.3.6.1', type, value}) as snmp.Varbind;

test('Counter64 from its big-endian bytes: 9 bytes with a leading zero reach 2^64-1 exactly', () => {
	assert.equal(bufferToBigInt(Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])), 2n ** 64n - 1n);
	assert.equal(bufferToBigInt(Buffer.from([0x01, 0x00])), 256n);
	assert.equal(bufferToBigInt(Buffer.alloc(0)), 0n);
	assert.equal(convertVarbind(varbind(snmp.ObjectType.Counter64, Buffer.from([0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]))), 2n ** 56n);
	assert.equal(convertVarbind(varbind(snmp.ObjectType.Counter64, 42)), 42n);
});

test('no such object/instance, end of MIB and Null are "no value"', () => {
	for (const type of [snmp.ObjectType.NoSuchObject, snmp.ObjectType.NoSuchInstance, snmp.ObjectType.EndOfMibView, snmp.ObjectType.Null]) {
		assert.equal(convertVarbind(varbind(type, 5)), null);
	}
});

test('strings as UTF-8 text, numbers as they are, anything unreadable as null', () => {
	assert.equal(convertVarbind(varbind(snmp.ObjectType.OctetString, Buffer.from('1.35'))), '1.35');
	assert.equal(convertVarbind(varbind(snmp.ObjectType.OctetString, Buffer.from('Grüße'))), 'Grüße');
	assert.equal(convertVarbind(varbind(snmp.ObjectType.OctetString, null)), null);
	assert.equal(convertVarbind(varbind(snmp.ObjectType.Counter32, 4294967295)), 4294967295);
	assert.equal(convertVarbind(varbind(snmp.ObjectType.Integer, -3)), -3);
	assert.equal(convertVarbind(varbind(snmp.ObjectType.Boolean, true)), 1);
	assert.equal(convertVarbind(varbind(snmp.ObjectType.Integer, {})), null);
	assert.equal(convertVarbind(varbind(snmp.ObjectType.Counter64, 'x')), null);
});

test('describeTarget: host:port (161 by default) and the v3 user name, never its keys', () => {
	assert.equal(describeTarget({host: '127.0.0.1'}), '127.0.0.1:161');
	const text = describeTarget({host: 'pi1', port: 1161, v3: {name: 'kcon', authProtocol: 'sha', authKey: 'secret-auth', privProtocol: 'aes', privKey: 'secret-priv'}});
	assert.equal(text, 'pi1:1161 (v3 user kcon)');
	assert.doesNotMatch(text, /secret/);
});
