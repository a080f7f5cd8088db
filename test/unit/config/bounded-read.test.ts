// Files the operator names are read whole only up to a cap: at the cap the text is intact (also
// across the 64 KiB chunks, with a character split between two of them), one byte more is refused,
// and an endless input is refused as soon as the cap is passed.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {formatBytes, NotRegularFileError, readRegularFileBounded, readTextBounded, TooLargeError} from '../../../source/config/bounded-read.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-bounded-read-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

test('a file of exactly the cap is read whole, multi-byte characters across chunk boundaries intact', () => {
	// 'é' is two bytes; with an odd-length prefix one of them straddles each 64 KiB boundary
	const text = 'x' + 'é'.repeat(100_000) + '\n';
	const file = path.join(dir, 'plan.json');
	fs.writeFileSync(file, text);
	const size = Buffer.byteLength(text);
	assert.ok(size > 3 * 64 * 1024);
	assert.equal(readTextBounded(file, size), text);
});

test('one byte over the cap: TooLargeError carrying the cap', () => {
	const file = path.join(dir, 'big.json');
	fs.writeFileSync(file, 'a'.repeat(1001));
	assert.throws(
		() => readTextBounded(file, 1000),
		(error: unknown) => error instanceof TooLargeError && error.maxBytes === 1000 && error.message === 'larger than 1000 bytes',
	);
	assert.equal(readTextBounded(file, 1001).length, 1001);
});

test('an endless input (/dev/zero) is refused at the cap, not read until memory runs out', () => {
	const started = Date.now();
	assert.throws(() => readTextBounded('/dev/zero', 16 * 1024 * 1024), /larger than 16 MiB/);
	assert.ok(Date.now() - started < 10_000, 'refused as soon as 16 MiB arrived');
});

test('an empty file is the empty string; a missing one is the system error', () => {
	const file = path.join(dir, 'empty');
	fs.writeFileSync(file, '');
	assert.equal(readTextBounded(file, 10), '');
	assert.throws(() => readTextBounded(path.join(dir, 'missing'), 10), {code: 'ENOENT'});
});

test('formatBytes: whole MiB as MiB, anything else in bytes', () => {
	assert.equal(formatBytes(16 * 1024 * 1024), '16 MiB');
	assert.equal(formatBytes(1024 * 1024 + 1), '1048577 bytes');
	assert.equal(formatBytes(0), '0 MiB');
});

test('readRegularFileBounded: a regular file (or a link to one) is read; a device or a directory is NotRegularFileError', () => {
	const file = path.join(dir, 'config.json');
	fs.writeFileSync(file, '{"a":1}');
	const link = path.join(dir, 'link.json');
	fs.symlinkSync(file, link);
	assert.equal(readRegularFileBounded(file, 7), '{"a":1}');
	assert.equal(readRegularFileBounded(link, 7), '{"a":1}');
	assert.throws(() => readRegularFileBounded(file, 6), (error: unknown) => error instanceof TooLargeError && error.maxBytes === 6);
	// /dev/zero never ends: refused for what it is, before a byte is read
	assert.throws(() => readRegularFileBounded('/dev/zero', 1024 * 1024), NotRegularFileError);
	assert.throws(() => readRegularFileBounded(dir, 1024), NotRegularFileError);
	assert.throws(() => readRegularFileBounded(path.join(dir, 'missing'), 10), {code: 'ENOENT'});
});
