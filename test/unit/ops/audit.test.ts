import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {audit, auditFile, readAudit} from '../../../source/ops/audit.js';

test('audit entries are appended as JSON lines with time, user, context, action, arguments, result', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-audit-'));
	const file = path.join(dir, 'nested', 'audit.jsonl');
	audit({context: 'lab', action: 'broker.kill', arguments: {id: 4, signal: 'KILL'}, result: 'ok'}, file);
	audit({context: 'lab', action: 'elect', arguments: {all: true}, result: 'refused', detail: 'read-only'}, file);
	fs.appendFileSync(file, '{torn\n');
	const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
	assert.equal(lines.length, 3);
	const entries = readAudit(file);
	assert.equal(entries.length, 2);
	assert.equal(entries[0]!.action, 'broker.kill');
	assert.deepEqual(entries[0]!.arguments, {id: 4, signal: 'KILL'});
	assert.equal(entries[1]!.result, 'refused');
	assert.equal(entries[1]!.detail, 'read-only');
	assert.ok(!Number.isNaN(Date.parse(entries[0]!.time)));
	assert.equal(typeof entries[0]!.user, 'string');
	fs.rmSync(dir, {recursive: true});
});

test('the audit log lives in the state directory', () => {
	const previous = process.env['KCON_STATE_DIR'];
	process.env['KCON_STATE_DIR'] = '/tmp/kcon-state-x';
	try {
		assert.equal(auditFile(), '/tmp/kcon-state-x/audit.jsonl');
	} finally {
		if (previous === undefined) delete process.env['KCON_STATE_DIR'];
		else process.env['KCON_STATE_DIR'] = previous;
	}
});
