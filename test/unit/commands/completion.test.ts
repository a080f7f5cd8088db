// The completion script, run by a real bash: command words, subcommands, first arguments and the
// flags of the command typed, with connection flags and their values skipped.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {commands} from '../../../source/commands/registry.js';
import {loadSpecs} from '../../../source/commands/load-specs.js';
import {completionScript} from '../../../source/commands/completion-script.js';

test('bash completes commands, subcommands and flags from the specs', async () => {
	const script = completionScript('bash', await loadSpecs(commands));
	const cases: Array<[string[], string]> = [
		[['kcon', 're'], 'reassign'],
		[['kcon', 'reassign', ''], 'generate execute verify cancel list'],
		[['kcon', '-b', 'h:1', 'reassign', 'ex'], 'execute'],
		[['kcon', 'reassign', 'execute', 'plan.json', '--th'], '--throttle'],
		[['kcon', 'describe', ''], 'agents brokers topics topic groups group quorum cluster'],
		[['kcon', 'describe', 'agents', '--in'], '--interval'],
		[['kcon', 'tail', 't', '--boot'], '--bootstrap-server'],
		[['kcon', 'config', ''], 'get-contexts current-context use-context describe alter'],
		[['kcon', 'completion', ''], 'bash zsh'],
		[['kcon', 'lab', 'up', '--ka'], '--kafka'],
	];
	const probe = cases
		.map(([words]) => `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _kcon; echo "\${COMPREPLY[*]}"`)
		.join('\n');
	const r = spawnSync('bash', ['--norc', '-c', `${script}\n${probe}`], {encoding: 'utf8'});
	assert.equal(r.status, 0, r.stderr);
	assert.deepEqual(r.stdout.trimEnd().split('\n'), cases.map(([, want]) => want));
});

test('zsh gets a compdef script with the same candidates', async () => {
	const script = completionScript('zsh', await loadSpecs(commands));
	assert.match(script, /^#compdef kcon\n/);
	assert.match(script, /compdef _kcon kcon\n$/);
	assert.ok(script.includes(completionScript('bash', await loadSpecs(commands)).split('\n_kcon() {')[0]!.split('\n').slice(2).join('\n')));
});
