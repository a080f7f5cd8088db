// Flag parsing shared by every command: strict (an unknown flag is a usage error in kcon's words),
// the connection flags mean the same everywhere and no command may redefine one.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {UsageError} from '../../../source/errors.js';
import {intFlag, outputFormat, parseCommandArgs, parseConnectionArgs} from '../../../source/config/args.js';

test('connection flags are parsed for every command alongside its own', () => {
	const {values, positionals} = parseConnectionArgs(['-b', 'h:9092', '--read-only', 'topic-a', '--limit', '5', '-o', 'json'], {
		limit: {type: 'string'},
	});
	assert.equal(values.brokers, 'h:9092');
	assert.equal(values['read-only'], true);
	assert.equal(values.limit, '5');
	assert.equal(values.output, 'json');
	assert.deepEqual(positionals, ['topic-a']);
	assert.deepEqual(parseConnectionArgs(['--agent', 'a', '--agent', 'b'], {}).values.agent, ['a', 'b']);
});

test('a command redefining a connection flag is a programming error, not a usage error', () => {
	assert.throws(
		() => parseConnectionArgs([], {brokers: {type: 'string'}}),
		(error: unknown) => error instanceof Error && !(error instanceof UsageError) && /--brokers is a connection flag/.test(error.message),
	);
});

test('an unknown flag or a missing value is a usage error of one sentence', () => {
	assert.throws(
		() => parseCommandArgs(['--nope'], {}),
		(error: unknown) => error instanceof UsageError && /^unknown option '--nope'$/.test(error.message),
	);
	assert.throws(() => parseCommandArgs(['--limit'], {limit: {type: 'string'}}), UsageError);
	assert.throws(() => parseConnectionArgs(['--lab=yes'], {}), UsageError);
});

test('outputFormat: --json wins, -o text|json, anything else refused', () => {
	assert.equal(outputFormat({}), 'text');
	assert.equal(outputFormat({output: 'json'}), 'json');
	assert.equal(outputFormat({output: 'yaml', json: true}), 'json');
	assert.throws(() => outputFormat({output: 'yaml'}), /--output must be text or json, not 'yaml'/);
});

test('intFlag: the fallback when absent, else a whole number in range naming the flag', () => {
	assert.equal(intFlag('limit', undefined, 50), 50);
	assert.equal(intFlag('limit', '7', 50, 1, 100), 7);
	assert.throws(() => intFlag('limit', '0', 50, 1, 100), /--limit must be a whole number from 1 to 100, not '0'/);
	assert.throws(() => intFlag('limit', '5x', 50), UsageError);
});

test('-ojson, -o=json, --output=json and -o json read the same; --bootstrap-server is -b by its Kafka name', () => {
	for (const argv of [['-ojson'], ['-o=json'], ['--output=json'], ['-o', 'json']]) {
		assert.equal(parseConnectionArgs(argv, {}).values.output, 'json', argv.join(' '));
	}
	assert.equal(parseConnectionArgs(['-b=h:1'], {}).values.brokers, 'h:1');
	// after `--` nothing is rewritten
	assert.deepEqual(parseConnectionArgs(['--', '-o=json'], {}).positionals, ['-o=json']);
	assert.equal(parseConnectionArgs(['--bootstrap-server', 'h:9092'], {}).values['bootstrap-server'], 'h:9092');
});
