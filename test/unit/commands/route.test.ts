// Which command a command line runs: the first word, the console without one, and help for a
// --help or -h anywhere before `--`.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {route} from '../../../source/commands/route.js';

test('the first word names the command; flags first mean the console', () => {
	assert.deepEqual(route(['tail', 't', '-n', '5']), {name: 'tail', argv: ['t', '-n', '5']});
	assert.deepEqual(route(['--lab']), {name: 'console', argv: ['--lab']});
	assert.deepEqual(route([]), {name: 'console', argv: []});
});

test('--help and -h anywhere before -- ask for the help of the command and subcommand typed', () => {
	assert.deepEqual(route(['reassign', 'generate', '--topics', 'a', '--help']), {name: 'help', argv: ['reassign', 'generate']});
	assert.deepEqual(route(['tail', '-h']), {name: 'help', argv: ['tail']});
	assert.deepEqual(route(['broker', '--yes', '-h']), {name: 'help', argv: ['broker']});
	assert.deepEqual(route(['--lab', '--help']), {name: 'help', argv: []});
	assert.deepEqual(route(['tail', 't', '--', '--help']), {name: 'tail', argv: ['t', '--', '--help']});
});

test('--help or -h right after a flag that takes a value is still help; the = form is the value', () => {
	assert.deepEqual(route(['tail', '--grep', '--help']), {name: 'help', argv: ['tail']});
	assert.deepEqual(route(['tail', 't', '--from', '-h']), {name: 'help', argv: ['tail', 't']});
	assert.deepEqual(route(['describe', 'brokers', '-b', '--help']), {name: 'help', argv: ['describe', 'brokers']});
	assert.deepEqual(route(['reassign', 'generate', '--topics', '-h']), {name: 'help', argv: ['reassign', 'generate']});
	assert.deepEqual(route(['tail', 't', '--grep=--help']), {name: 'tail', argv: ['t', '--grep=--help']});
	assert.deepEqual(route(['tail', 't', '-o=-h']), {name: 'tail', argv: ['t', '-o=-h']});
});
