// `kcon produce` on the shared lab, read back by kcat -C -J: the same keys, values, headers and
// partitions, at the offsets kcon printed; --read-only exits 3 and writes nothing.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runKcon, runProcess, sharedLab} from '../helpers/lab.js';
import {createTopic} from './describe-checks.js';

const TOPIC = 'produce-readback';

interface KcatRecord {
	partition: number;
	offset: number;
	key: string | null;
	payload: string | null;
	headers?: string[];
}

test('produced records read back by kcat with the same keys, values, headers and partitions', {timeout: 300_000}, async () => {
	const lab = await sharedLab();
	await createTopic(lab, TOPIC, ['--partitions', '3', '--replication-factor', '3']);
	const lines = Array.from({length: 20}, (_, i) => `key${i}|value ${i}`).join('\n') + '\n';
	const fromStdin = await runKcon(['produce', TOPIC, '-K', '|', '--header', 'source=kcon', '--header', 'n=1', '-o', 'json', '-b', lab.bootstrap], {input: lines, timeoutMs: 60_000});
	assert.equal(fromStdin.code, 0, fromStdin.stderr);
	const written = fromStdin.stdout.trim().split('\n').map((l) => JSON.parse(l) as {topic: string; partition: number; offset: number});
	assert.equal(written.length, 20);
	const one = await runKcon(['produce', TOPIC, '--value', 'single', '--key', 'k-one', '--partition', '2', '--compression', 'gzip', '-o', 'json', '-b', lab.bootstrap], {timeoutMs: 60_000});
	assert.equal(one.code, 0, one.stderr);
	written.push(JSON.parse(one.stdout));

	const refused = await runKcon(['produce', TOPIC, '--value', 'never', '--read-only', '-b', lab.bootstrap], {timeoutMs: 60_000});
	assert.equal(refused.code, 3, refused.stderr);
	const bad = await runKcon(['produce', TOPIC, '--value', 'never', '--partition', '9', '-b', lab.bootstrap], {timeoutMs: 60_000});
	assert.equal(bad.code, 2, bad.stderr);

	const read = await runProcess('kcat', ['-C', '-J', '-b', lab.bootstrap, '-t', TOPIC, '-o', 'beginning', '-e', '-q'], {timeoutMs: 60_000});
	assert.equal(read.code, 0, read.stderr);
	const records = read.stdout.trim().split('\n').map((l) => JSON.parse(l) as KcatRecord);
	assert.equal(records.length, 21, 'the refused ones wrote nothing');
	const at = new Map(records.map((r) => [`${r.partition}/${r.offset}`, r]));
	written.forEach((w, i) => {
		const r = at.get(`${w.partition}/${w.offset}`);
		assert.ok(r, `record ${i} at ${w.partition}/${w.offset}`);
		if (i < 20) {
			assert.equal(r.key, `key${i}`);
			assert.equal(r.payload, `value ${i}`);
			assert.deepEqual(r.headers, ['source', 'kcon', 'n', '1']);
		} else {
			assert.deepEqual([r.partition, r.key, r.payload], [2, 'k-one', 'single']);
		}
	});
	// keyed records land where Java's default partitioner puts them: the same key, the same partition
	const again = await runKcon(['produce', TOPIC, '--value', 'again', '--key', 'key3', '-o', 'json', '-b', lab.bootstrap], {timeoutMs: 60_000});
	assert.equal(JSON.parse(again.stdout).partition, written[3]!.partition);
});
