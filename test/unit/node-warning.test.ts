// The test helpers' Node-warning check recognises what Node really writes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {assertNoNodeWarning, NODE_WARNING, runProcess} from '../helpers/lab.js';

test('NODE_WARNING matches a warning and a deprecation as Node writes them, not kcon’s own lines', () => {
	const warn = spawnSync(process.execPath, ['-e', "process.emitWarning('-17 is a negative number.', 'TimeoutNegativeWarning')"], {encoding: 'utf8'});
	assert.match(warn.stderr, NODE_WARNING);
	const dep = spawnSync(process.execPath, ['-e', "process.emitWarning('old', {type: 'DeprecationWarning', code: 'DEP0999'})"], {encoding: 'utf8'});
	assert.match(dep.stderr, NODE_WARNING);
	assert.doesNotMatch('kcon: warning: the cluster speaks no DescribeConfigs version kcon implements\n', NODE_WARNING);
	assert.throws(() => assertNoNodeWarning(warn.stderr, 'x'), /wrote a Node runtime warning/);
	assert.doesNotThrow(() => assertNoNodeWarning('kcon: no broker reachable\n', 'x'));
});

test('runProcess rejects a Node process that wrote a runtime warning', async () => {
	await assert.rejects(runProcess(process.execPath, ['-e', "process.emitWarning('boom')"]), /wrote a Node runtime warning: \(node:\d+\) Warning: boom/);
	const clean = await runProcess(process.execPath, ['-e', "process.stderr.write('fine\\n')"]);
	assert.equal(clean.stderr, 'fine\n');
});
