// The runner's closing summary: the tests that failed themselves, read from node:test's TAP.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {tapFailures} from '../helpers/tap-failures.js';

test('tap failures: leaves that failed, with location and first error line; parents and passes are not listed', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-tap-'));
	try {
		const file = path.join(dir, 'sample.test.mjs');
		fs.writeFileSync(
			file,
			[
				"import test from 'node:test';",
				"test('outer', async (t) => { await t.test('inner # fails', () => { throw new Error('first\\nsecond'); }); await t.test('inner ok', () => {}); });",
				"test('top fails', () => { throw new Error(\"it's y\"); });",
				"test('fine', () => {});",
			].join('\n'),
		);
		const tap = path.join(dir, 'out.tap');
		// the real reporter on the running Node, so a format change between runtimes shows here
		// (without NODE_TEST_CONTEXT, which would make it report to this run instead of the file)
		const {NODE_TEST_CONTEXT: _context, ...env} = process.env;
		spawnSync(process.execPath, ['--test', '--test-reporter=tap', `--test-reporter-destination=${tap}`, file], {stdio: 'ignore', env});
		const failures = tapFailures(fs.readFileSync(tap, 'utf8'));
		assert.deepEqual(
			failures.map((failure) => failure.name),
			['inner # fails', 'top fails'],
		);
		assert.match(failures[0]!.location, /sample\.test\.mjs:2:\d+$/);
		assert.equal(failures[0]!.error, 'first');
		assert.equal(failures[1]!.error, "it's y");
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});
