// The output buffer of `kcon tail`: its reuse after a synchronous write, and back-pressure from a slow reader.
import test from 'node:test';
import assert from 'node:assert/strict';
import {Writable} from 'node:stream';
import {Output} from '../../../source/commands/tail.js';

/** A stdout stand-in: `sync` completes every write before write() returns (a pipe on Linux), else later. */
function sink(sync: boolean) {
	const got: Buffer[] = [];
	let writes = 0;
	const stream = new Writable({
		highWaterMark: 64 * 1024,
		write(chunk: Buffer, _encoding, done) {
			writes++;
			// a copy taken later: a chunk the writer changed in the meantime shows as wrong bytes
			if (sync) {
				got.push(Buffer.from(chunk));
				done();
			} else
				setTimeout(() => {
					got.push(Buffer.from(chunk));
					done();
				}, 2);
		},
	});
	return {stream: stream as unknown as NodeJS.WriteStream, got, writes: () => writes};
}

async function writeLines(out: Output, count: number): Promise<string> {
	let expected = '';
	for (let i = 0; i < count; i++) {
		const line = `{"seq":${i},"v":"${'x'.repeat(i % 200)}"}`;
		out.line(line);
		expected += line + '\n';
		if (out.pending >= 1024 * 1024 - 64 * 1024) await out.flush();
	}
	await out.end();
	return expected;
}

for (const sync of [true, false]) {
	test(`every byte arrives once and in order (${sync ? 'synchronous writes: the buffer is reused' : 'a slow reader'})`, async () => {
		const s = sink(sync);
		const out = new Output(s.stream, () => {});
		const expected = await writeLines(out, 40_000);
		await new Promise((resolve) => setTimeout(resolve, 20));
		assert.ok(s.writes() >= 3, 'several chunks were written');
		assert.equal(Buffer.concat(s.got).toString(), expected);
	});
}

test('flush waits for a slow reader to drain before more is written', async () => {
	const s = sink(false);
	const out = new Output(s.stream, () => {});
	out.str('a'.repeat(200 * 1024));
	const flushed = out.flush();
	assert.equal(s.got.length, 0, 'nothing has reached the reader yet');
	await flushed;
	assert.equal(s.stream.writableNeedDrain, false, 'flush resolved once the stream drained');
	assert.equal(Buffer.concat(s.got).length, 200 * 1024);
});

test('a chunk handed to a slow reader is never written over, also when the next lines come before a flush', async () => {
	const s = sink(false);
	const out = new Output(s.stream, () => {});
	let expected = '';
	for (const letter of 'abcdef') {
		// 600 KiB each: every second one fills the buffer and hands it off without waiting
		const piece = letter.repeat(600 * 1024);
		out.str(piece);
		expected += piece;
	}
	await out.end();
	await new Promise((resolve) => setTimeout(resolve, 20));
	assert.equal(Buffer.concat(s.got).toString(), expected);
});
