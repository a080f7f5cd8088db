// End to end: the console's group offset reset in a real terminal (tmux, 160×45) against the shared
// lab, judged by Kafka's own ConsumerGroupCommand: X on a group with a live member (a kcat balanced
// consumer) is refused with the reason; once it left, X with "shift by -5" shows the plan, the typed
// group id commits it, and `--describe` shows every partition's committed offset 5 lower. Then C on
// that topic sets retention.ms and deletes the override again, each seen by ConfigCommand. The tmux
// server is ours, on our own socket, and is killed by that socket only.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {CLI, eventually, sharedLab, type TestLab} from '../helpers/lab.js';
import {consumeAll, createTopic, groupCommand, javaGroupRows, produce} from './describe-checks.js';
import {readAudit} from '../../source/ops/audit.js';
import {configCommand} from './actions-checks.js';
import {tmuxTerminal} from '../helpers/tmux.js';

// a shared lab may have run this before: names of this run's own
const TOPIC = `console-reset-${process.pid}`;
const GROUP = `console-reset-group-${process.pid}`;
const {tmux, screen, keys, see, kill} = tmuxTerminal('console-writes');

let lab: TestLab;
let member: ChildProcess | null = null;

before(async () => {
	lab = await sharedLab();
	const cmd = `env -u CI KCON_STATE_DIR=${lab.stateDir} ${process.execPath} ${CLI} --lab --refresh 1; echo KCON-EXITED $?; sleep 120`;
	tmux('new-session', '-d', '-s', 'console-writes', '-x', '160', '-y', '45', cmd);
}, {timeout: 600_000});

after(() => {
	kill();
	if (member && member.exitCode === null) member.kill('SIGKILL');
});

/** "topic partition" → committed offset, from ConsumerGroupCommand --describe. */
async function javaCommitted(group: string): Promise<Map<string, string>> {
	const r = await groupCommand(lab, ['--describe', '--group', group]);
	assert.equal(r.code, 0, r.stderr);
	const out = new Map<string, string>();
	for (const [k, cells] of javaGroupRows(r.stdout)) out.set(k.slice(group.length + 1), cells[0]!);
	return out;
}

/** The groups view filtered down to GROUP, then X. */
async function openReset(): Promise<void> {
	keys(':groups', 'Enter');
	await see(/Groups \d+/);
	keys('/', GROUP, 'Enter');
	await see(new RegExp(`Groups 1/\\d+[\\s\\S]*${GROUP}`), 30_000);
	keys('X');
	await see(new RegExp(`Reset the offsets of group ${GROUP}: every partition it committed`));
}

test('X in the console: refused while the group has a member; then shift by -5, type the id, and ConsumerGroupCommand sees the new offsets', {timeout: 300_000}, async () => {
	await see(/brokers up 3\/3/, 120_000);
	await createTopic(lab, TOPIC, ['--partitions', '3', '--replication-factor', '1']);
	await produce(lab, TOPIC, 60);
	await consumeAll(lab, TOPIC, GROUP);
	const before = await javaCommitted(GROUP);
	assert.equal(before.size, 3);
	assert.equal([...before.values()].reduce((n, v) => n + Number(v), 0), 60);

	// a live member: kcat's balanced consumer stays in the group until it is stopped
	member = spawn('kcat', ['-b', lab.bootstrap, '-G', GROUP, '-q', TOPIC], {stdio: ['ignore', 'ignore', 'ignore']});
	await eventually(async () => /\bStable\b/.test((await groupCommand(lab, ['--describe', '--group', GROUP, '--state'])).stdout), {timeoutMs: 60_000});
	await openReset();
	keys('1');
	await see(new RegExp(`offsets can be reset only when the group '${GROUP}' is inactive, but the current state is Stable \\(1 member\\); stop its consumers first`), 60_000);
	keys('Escape');
	await see(/1 to the earliest offset/);
	keys('Escape');
	await see(/<X> reset/);
	const exited = new Promise((resolve) => member!.once('exit', resolve));
	member.kill('SIGTERM');
	await exited;
	await eventually(async () => /\bEmpty\b/.test((await groupCommand(lab, ['--describe', '--group', GROUP, '--state'])).stdout), {timeoutMs: 60_000});
	assert.deepEqual(await javaCommitted(GROUP), before, 'nothing was changed');

	await openReset();
	keys('4');
	await see(/shift by ±N from the committed offset \(e\.g\. -100\):/);
	// '--': a key that starts with a dash is not a flag of send-keys
	keys('--', '-5', 'Enter');
	const plan = await see(new RegExp(`Type ${GROUP} and press enter`), 60_000);
	assert.match(plan, /shift by -5: 3 partition\(s\)/);
	for (const [k, v] of before) {
		const [, partition] = k.split(' ');
		assert.match(plan, new RegExp(`${TOPIC} +${partition} +${v} +${Number(v) - 5} +5\\b`), `plan of ${k}`);
	}
	keys(GROUP, 'Enter');
	await see(new RegExp(`group ${GROUP}: 3 partition offset\\(s\\) committed`), 60_000);
	const after = await javaCommitted(GROUP);
	for (const [k, v] of before) assert.equal(after.get(k), String(Number(v) - 5), k);
	const audit = readAudit(path.join(lab.stateDir, 'audit.jsonl')).filter((e) => e.action === 'group.reset-offsets' && e.arguments['via'] === 'console');
	assert.ok(audit.some((e) => e.result === 'ok' && e.arguments['group'] === GROUP && e.arguments['by'] === '-5'), 'the commit is audited as the console’s');
	// the console polls again after the commit: the group's lag is the 15 the reset left
	keys('Enter');
	await see(new RegExp(`Group ${GROUP}`));
	await see(new RegExp(`${TOPIC} +\\d+ +\\d+ +\\d+ +5\\b`), 30_000);
});

/** The configs panel's cursor moved down to `name`, one row at a time, each move seen before the next. */
async function cursorTo(name: string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		const at = /^› (\S+) /m.exec(screen())?.[1] ?? '';
		if (at === name) return;
		keys('j');
		await see(new RegExp(`^› (?!${at.replace(/[.]/g, '\\.')} )\\S+ `, 'm'));
	}
	assert.fail(`the cursor never reached ${name}:\n${screen()}`);
}

test('C in the console: set retention.ms, then delete the override; ConfigCommand sees both', {timeout: 300_000}, async () => {
	keys('Escape');
	keys(':topic ' + TOPIC, 'Enter');
	await see(new RegExp(`Partitions of ${TOPIC}`));
	keys('C');
	await see(new RegExp(`Configs of topic ${TOPIC}: \\d+ \\(0 set on the topic\\)`), 60_000);
	await cursorTo('retention.ms');
	keys('e');
	await see(/set retention\.ms = 604800000█/);
	for (let i = 0; i < 9; i++) keys('BSpace');
	keys('86400000', 'Enter');
	await see(/retention\.ms: 604800000 \(DEFAULT_CONFIG\) → 86400000/, 60_000);
	assert.doesNotMatch(await configCommand(lab, 'topics', TOPIC), /retention\.ms/, 'the validateOnly check changed nothing');
	keys('y');
	await see(new RegExp(`topic ${TOPIC}: set retention\\.ms`), 60_000);
	await see(/^› retention\.ms +86400000 +DYNAMIC_TOPIC_CONFIG/m, 60_000);
	assert.match(await configCommand(lab, 'topics', TOPIC), /retention\.ms=86400000/);

	keys('d');
	await see(/retention\.ms: 86400000 \(DYNAMIC_TOPIC_CONFIG\) → the override is removed/, 60_000);
	keys('y');
	await see(new RegExp(`topic ${TOPIC}: deleted the override of retention\\.ms`), 60_000);
	await see(/^› retention\.ms +604800000 +DEFAULT_CONFIG/m, 60_000);
	assert.doesNotMatch(await configCommand(lab, 'topics', TOPIC), /retention\.ms/);
	const audit = readAudit(path.join(lab.stateDir, 'audit.jsonl')).filter((e) => e.action === 'config.alter' && e.arguments['via'] === 'console' && e.arguments['target'] === `topic ${TOPIC}`);
	assert.deepEqual(audit.map((e) => [e.result, e.arguments['set'], e.arguments['delete']]), [['ok', ['retention.ms'], []], ['ok', [], ['retention.ms']]]);
});
