// Text from outside never reaches the terminal as a command. On the shared lab: a real consumer
// whose group id and client id carry ESC/OSC/CR sequences (Kafka lets a client choose any id), then
// kcon describe groups / group in text (no raw control byte on stdout or stderr) and JSON (the exact
// ids). A fake broker (test/helpers/fake-kafka.ts) for what a real one will not send: a host, a
// rack and a topic name with control sequences in them; an SNMP agent whose sysName has them. The console in tmux: an OSC title sequence
// in a topic name leaves the pane title as it was.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {Kafka, logLevel, type Consumer} from 'kafkajs';
import {CLI, eventually, runKcon, sharedLab} from '../helpers/lab.js';
import {startFakeKafka, type FakeKafka} from '../helpers/fake-kafka.js';
import {tmuxTerminal} from '../helpers/tmux.js';
import {groupCommand} from './describe-checks.js';
import {startEmbeddedAgent} from '../../source/snmp/embedded-agent.js';
import {PORTS} from '../helpers/ports.js';

// OSC 0 (title) ended by BEL, OSC 2 ended by ST, blink, CR (rewrite the line), a C1 CSI, a bidi override
const HOSTILE = '\u001b]0;PWNED\u0007\u001b]2;PWNED2\u001b\\\u001b[5mBLINK\u001b[0m\rOVER\u009b2J\u202eRTL';
const SHOWN = '\\e]0;PWNED\\x07\\e]2;PWNED2\\e\\\\e[5mBLINK\\e[0m\\rOVER\\x9b2J\\u202eRTL';

/** Every byte that could drive a terminal: C0 except \n, DEL, and the UTF-8 of C1 / bidi / zero-width. */
function assertNoControlBytes(text: string, where: string) {
	const bytes = Buffer.from(text, 'utf8');
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i]!;
		const c1 = b === 0xc2 && bytes[i + 1]! >= 0x80 && bytes[i + 1]! <= 0x9f;
		const format = b === 0xe2 && bytes[i + 1] === 0x80 && (bytes[i + 2]! & 0xf0) >= 0x80 && [0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae].includes(bytes[i + 2]!);
		if ((b < 0x20 && b !== 0x0a && b !== 0x09) || b === 0x7f || c1 || format) {
			assert.fail(`${where}: byte 0x${b.toString(16)} at ${i}: ${JSON.stringify(bytes.subarray(Math.max(0, i - 30), i + 30).toString())}`);
		}
	}
}

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
	for (const c of cleanups.reverse()) await c();
});

test('a real consumer with ESC/OSC/CR in its group id and client id: describe text shows them escaped, JSON exactly', {timeout: 180_000}, async () => {
	const lab = await sharedLab();
	const groupId = `hostile-group${HOSTILE}`;
	const clientId = `hostile-client${HOSTILE}`;
	const kafka = new Kafka({clientId, brokers: lab.bootstrap.split(','), logLevel: logLevel.NOTHING});
	const consumer: Consumer = kafka.consumer({groupId, sessionTimeout: 10_000, heartbeatInterval: 1000});
	// the group is deleted once its consumer has left (runs after the disconnect): other tests compare --all-groups
	cleanups.push(async () => void (await groupCommand(lab, ['--delete', '--group', groupId])));
	cleanups.push(() => consumer.disconnect().catch(() => {}));
	await consumer.connect();
	await consumer.subscribe({topics: ['resource'], fromBeginning: false});
	await consumer.run({eachMessage: async () => {}});

	const doc = await eventually(
		async () => {
			const r = await runKcon(['describe', 'group', groupId, '-o', 'json', '--lab'], {env: lab.env});
			if (r.code !== 0) return null;
			const d = JSON.parse(r.stdout);
			return d.groups[0]?.state === 'Stable' && d.groups[0].members.length === 1 ? d : null;
		},
		{timeoutMs: 60_000, intervalMs: 1000},
	);
	// JSON: the exact ids, byte for byte
	assert.equal(doc.groups[0].groupId, groupId);
	assert.equal(doc.groups[0].members[0].clientId, clientId);

	for (const args of [['describe', 'groups'], ['describe', 'group', groupId], ['describe', 'group', groupId, '--members'], ['describe', 'group', groupId, '--state']]) {
		const r = await runKcon([...args, '--lab'], {env: lab.env});
		const where = `kcon ${args.slice(0, 2).join(' ')} ${args.slice(3).join(' ')}`;
		assert.equal(r.code, 0, `${where}: ${r.stderr}`);
		assertNoControlBytes(r.stdout, `${where} stdout`);
		assertNoControlBytes(r.stderr, `${where} stderr`);
		const line = r.stdout.split('\n').find((l) => l.startsWith(`hostile-group${SHOWN}`));
		assert.ok(line, `${where}: no line for the group, shown escaped:\n${r.stdout}`);
		if (!args.includes('--state')) assert.ok(line.includes(`hostile-client${SHOWN}`), `${where}: ${line}`);
	}
	// an error naming the id: one escaped kcon: line on stderr
	const missing = await runKcon(['describe', 'group', `no-such${HOSTILE}`, '--lab'], {env: lab.env});
	assert.equal(missing.code, 2);
	assert.equal(missing.stderr, `kcon: group 'no-such${SHOWN}' does not exist\n`);
	const missingJson = await runKcon(['describe', 'group', `no-such${HOSTILE}`, '--lab', '-o', 'json'], {env: lab.env});
	assert.equal(JSON.parse(missingJson.stdout).error.message, `group 'no-such${HOSTILE}' does not exist`);
	assertNoControlBytes(missingJson.stdout, 'json error');
});

let fake: FakeKafka | undefined;

async function hostilePeer(): Promise<FakeKafka> {
	fake ??= await startFakeKafka({
		brokers: [
			{id: 1, rack: `rack${HOSTILE}`},
			// advertised at a host that cannot be resolved: its connection error names it
			{id: 2, host: `host${HOSTILE}`, port: 9, rack: null},
		],
		topics: [{name: `topic${HOSTILE}`, leaders: [1, 1]}],
	});
	cleanups.push(() => fake!.close());
	return fake;
}

test('a fake broker advertising a hostile host, rack and topic name: describe brokers/topics text escaped, JSON exact', {timeout: 60_000}, async () => {
	const peer = await hostilePeer();
	const brokers = await runKcon(['describe', 'brokers', '-b', peer.bootstrap], {timeoutMs: 30_000});
	assertNoControlBytes(brokers.stdout, 'describe brokers stdout');
	assertNoControlBytes(brokers.stderr, 'describe brokers stderr');
	const lines = brokers.stdout.split('\n');
	assert.match(lines[0]!, /^ID +HOST:PORT +RACK +REACHABLE/);
	assert.ok(lines[1]!.startsWith(`1   127.0.0.1:${peer.port}`) && lines[1]!.includes(`rack${SHOWN}`), brokers.stdout);
	assert.ok(lines[2]!.includes(`host${SHOWN}:9`), brokers.stdout);
	// the REACHABLE column lines up although the escaped rack is long
	const at = lines[0]!.indexOf('REACHABLE');
	assert.match(lines[1]!.slice(at), /^yes /);
	assert.match(lines[2]!.slice(at), /^no /);
	assert.equal(lines.filter(Boolean).length, 3);

	const json = JSON.parse((await runKcon(['describe', 'brokers', '-b', peer.bootstrap, '-o', 'json'], {timeoutMs: 30_000})).stdout);
	assert.equal(json.brokers[0].rack, `rack${HOSTILE}`);
	assert.equal(json.brokers[1].host, `host${HOSTILE}`);

	const topics = await runKcon(['describe', 'topics', '-b', peer.bootstrap], {timeoutMs: 30_000});
	assertNoControlBytes(topics.stdout, 'describe topics stdout');
	assertNoControlBytes(topics.stderr, 'describe topics stderr');
	assert.ok(topics.stdout.startsWith(`Topic: topic${SHOWN}\t`), topics.stdout + topics.stderr);
	const topicsJson = JSON.parse((await runKcon(['describe', 'topics', '-b', peer.bootstrap, '-o', 'json'], {timeoutMs: 30_000})).stdout);
	assert.equal(topicsJson.topics[0].name, `topic${HOSTILE}`);
});

test('console in tmux on the fake broker: the OSC title sequence in a topic name does not change the pane title', {timeout: 90_000}, async () => {
	const peer = await hostilePeer();
	const term = tmuxTerminal('hostile');
	cleanups.push(() => term.kill());
	const title = () => term.tmux('display', '-p', '-t', 'hostile', '#{pane_title}').trim();
	term.tmux('new-session', '-d', '-s', 'hostile', '-x', '200', '-y', '40', `env -u CI ${process.execPath} ${CLI} -b ${peer.bootstrap} --refresh 1; sleep 60`);
	term.tmux('select-pane', '-t', 'hostile', '-T', 'before');
	await term.see(/Brokers 2/, 30_000);
	term.keys(':topics', 'Enter');
	await term.see(/Topics 1/);
	// one more refresh drawn before the title is read
	await new Promise((r) => setTimeout(r, 1500));
	assert.equal(title(), 'before');
	await term.see(/topic\\e\]0;PWNED\\x07\\e\]2;PWNED2/);
	term.keys(':brokers', 'Enter');
	// the 8-column RACK cell is cut after the escape: the width is that of the escaped text
	const brokers = await term.see(/ rack\\e\]…/);
	assert.match(brokers, /host\\e\]0;PWNED\\x07/);
	assert.equal(title(), 'before');
	// the detector works: the same sequence printed raw in this pane does set the title
	term.tmux('respawn-pane', '-k', '-t', 'hostile', `printf '\\033]2;PWNED\\007'; sleep 60`);
	await eventually(() => title() === 'PWNED', {timeoutMs: 10_000, intervalMs: 200});
});

test('an SNMP agent whose sysName carries ESC/OSC/CR: describe agents text escaped, JSON exact', {timeout: 60_000}, async () => {
	const address = {host: '127.0.2.22', port: PORTS.hostileAgent};
	const agent = await startEmbeddedAgent({...address, name: `pi${HOSTILE}`});
	cleanups.push(() => agent.stop());
	const args = ['describe', 'agents', '--agent', `hostile=${address.host}:${address.port}`];
	const text = await runKcon(args, {timeoutMs: 30_000});
	assert.equal(text.code, 0, text.stderr);
	assertNoControlBytes(text.stdout, 'describe agents stdout');
	assertNoControlBytes(text.stderr, 'describe agents stderr');
	assert.ok(text.stdout.includes(`pi${SHOWN}`), text.stdout);
	const json = JSON.parse((await runKcon([...args, '-o', 'json'], {timeoutMs: 30_000})).stdout);
	assert.equal(json.agents[0].sysName, `pi${HOSTILE}`);
});
