// Text from outside — ids a client chose, hosts and racks a broker advertises, topic names, an
// agent's sysName/ifDescr, error text — reaches the terminal escaped on every path: the escaper,
// each text renderer, stdout/stderr, the console's frames. JSON keeps the exact strings.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import React from 'react';
import {render} from 'ink-testing-library';
import {escapeControl, escapeOutput, escapeStyled, forText} from '../../source/terminal-safe.js';
import {renderBrokersText} from '../../source/present/brokers-text.js';
import {renderTopicsText} from '../../source/present/topics-text.js';
import {renderGroupMembers, renderGroupOffsets, renderGroupStates, type Chunk} from '../../source/present/groups-text.js';
import {describeDocument} from '../../source/present/describe-json.js';
import {toJson} from '../../source/present/json.js';
import {reportError} from '../../source/commands/report-error.js';
import {agentRow, renderAgentsText} from '../../source/commands/describe-agents.js';
import {kconLine, writeErr, writeOut} from '../../source/terminal-out.js';
import {KconError} from '../../source/errors.js';
import {Screen} from '../../source/ui/screen.js';
import {initialState, type Action} from '../../source/state/reducer.js';
import {reducer} from '../../source/ui/console-state.js';
import {setColorLevel} from '../../source/ui/theme.js';
import {agentsViewLines, AgentsView} from '../../source/ui/views/agents-view.js';
import {AgentDetailView} from '../../source/ui/views/agent-detail-view.js';
import {Text} from '../../source/ui/text.js';
import {paint} from '../../source/ui/theme.js';
import type {AgentState} from '../../source/domain/metrics.js';
import type {ClusterSnapshot} from '../../source/domain/cluster.js';
import {agentState, labSnapshot} from './ui-fixtures.js';

// a title change (OSC 0 … BEL), blink, carriage return, a C1 CSI (clear screen), a bidi override,
// a zero-width space, DEL, a newline and a tab: each would act on a terminal or fake the layout
const HOSTILE = 'x\u001b]0;PWNED\u0007\u001b[5mBLINK\u001b[0m\rover\u009b2J\u202eevil\u200b\u007fnl\ntab\tend';
const SHOWN = 'x\\e]0;PWNED\\x07\\e[5mBLINK\\e[0m\\rover\\x9b2J\\u202eevil\\u200b\\x7fnl\\ntab\\tend';

// any character that drives a terminal, other than kcon's own \n (and \t in kafka-topics layout)
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
// eslint-disable-next-line no-control-regex
const ANY_ESC = /\u001b/;

function assertInert(text: string, where: string) {
	const m = RAW.exec(text);
	assert.equal(m, null, `${where}: raw U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 20), (m?.index ?? 0) + 20))}`);
}

const out = (chunks: Chunk[]) => chunks.map((c) => c.text).join('');

/** The lab fixture with every outside string made hostile (distinct, so each can be found). */
function hostileSnapshot(): ClusterSnapshot {
	const s = labSnapshot();
	const h = (tag: string) => `${tag}${HOSTILE}`;
	s.brokers[0] = {...s.brokers[0]!, host: h('host'), rack: h('rack')};
	s.brokers[2] = {...s.brokers[2]!, error: h('error')};
	s.topics[0] = {...s.topics[0]!, name: h('topic'), configs: {'cleanup.policy': h('cfg')}};
	const g = s.groups[0]!;
	s.groups[0] = {
		...g,
		groupId: h('group'),
		assignmentStrategy: h('strategy'),
		members: g.members.map((m) => ({...m, memberId: h('member'), clientId: h('client'), host: h('chost'), groupInstanceId: h('instance'), assignments: [{topic: h('topic'), partitions: [0, 1, 2]}]})),
		offsets: g.offsets.map((o) => ({...o, topic: h('topic'), consumerId: h('member'), host: h('chost'), clientId: h('client')})),
	};
	return s;
}

test('escaper: controls, ESC/CSI/OSC, BEL, CR, DEL, C1, bidi, zero-width become visible escapes', () => {
	assert.equal(escapeControl(HOSTILE), SHOWN);
	assert.equal(escapeControl('\u2066iso\u2069 \u061c \u2060 \ufeff \u2028'), '\\u2066iso\\u2069 \\u061c \\u2060 \\ufeff \\u2028');
	assert.equal(escapeControl('plain ünïcødé 名前 😀'), 'plain ünïcødé 名前 😀');
	// idempotent: escaping what is shown changes nothing (fit, clip and the theme may each escape)
	assert.equal(escapeControl(SHOWN), SHOWN);
	// output text keeps kcon's own line breaks and tabs, nothing else
	assert.equal(escapeOutput('a\u001b[2Jb\tc\rd\n'), 'a\\e[2Jb\tc\\rd\n');
	// console text keeps only the colour sequences kcon's theme makes
	assert.equal(escapeStyled('\u001b[31mred\u001b[39m \u001b[1m\u001b[7mx\u001b[27m\u001b[22m'), '\u001b[31mred\u001b[39m \u001b[1m\u001b[7mx\u001b[27m\u001b[22m');
	assert.equal(escapeStyled('\u001b[5mblink\u001b[8mhidden\u001b[2J\u001b]0;t\u0007\u001b[31;1m\u001b['), '\\e[5mblink\\e[8mhidden\\e[2J\\e]0;t\\x07\\e[31;1m\\e[');
});

test('forText copies plain data with every string escaped, numbers/bigints/null kept', () => {
	const data = {a: HOSTILE, n: 3, big: 5n, none: null, list: [HOSTILE, 1], map: new Map([[HOSTILE, {b: HOSTILE}]]), [HOSTILE]: true};
	const shown = forText(data);
	assert.equal(shown.a, SHOWN);
	assert.equal(shown.big, 5n);
	assert.equal(shown.none, null);
	assert.deepEqual(shown.list, [SHOWN, 1]);
	assert.deepEqual([...shown.map], [[SHOWN, {b: SHOWN}]]);
	assert.equal((shown as Record<string, unknown>)[SHOWN], true);
	assert.equal(data.a, HOSTILE, 'the original is untouched (JSON output uses it)');
	assert.equal(data.list[0], HOSTILE);
	assert.ok(HOSTILE in data);
	// copy on write: data with nothing to escape is returned as it is
	const clean = labSnapshot();
	assert.equal(forText(clean), clean);
	const one = labSnapshot();
	one.groups[1]!.groupId = HOSTILE;
	const shownOne = forText(one);
	assert.equal(shownOne.groups[1]!.groupId, SHOWN);
	assert.equal(shownOne.groups[0], one.groups[0], 'untouched parts are shared');
	assert.equal(shownOne.topics, one.topics);
});

test('describe brokers text: hostile host, rack and error escaped, the columns still aligned', () => {
	const text = renderBrokersText(hostileSnapshot());
	assertInert(text, 'brokers');
	assert.ok(!text.includes('\t'));
	const lines = text.split('\n').filter(Boolean);
	assert.equal(lines.length, 4, 'a newline in a rack must not add a line');
	assert.ok(lines[1]!.includes(`host${SHOWN}:29592`) && lines[1]!.includes(`rack${SHOWN}`));
	assert.ok(lines[3]!.includes(`error${SHOWN}`));
	// REACHABLE starts in the same column on every line: widths are those of the escaped text
	const col = lines[0]!.indexOf('REACHABLE');
	for (const l of lines.slice(1)) assert.match(l.slice(col), /^(yes|no) /, l);
});

test('describe topics text: a hostile topic name and config value cannot add a line or a column', () => {
	const s = hostileSnapshot();
	const text = renderTopicsText(s.topics, s.brokers);
	assertInert(text, 'topics');
	assert.ok(text.includes(`Topic: topic${SHOWN}\tPartitionCount: 3`));
	assert.ok(text.includes(`cleanup.policy=cfg${SHOWN}`));
	const lines = text.split('\n').filter(Boolean);
	assert.equal(lines.length, 1 + 3 + 1 + 1 + 1 + 1);
	for (const l of lines.filter((x) => x.startsWith('\tTopic: topic'))) assert.equal(l.split('\t').length, 8, l);
});

test('describe group(s) text: hostile group, member, instance, client id, host, strategy escaped and aligned', () => {
	const s = hostileSnapshot();
	const groups = s.groups;
	for (const [name, text] of [
		['offsets', out(renderGroupOffsets(groups))],
		['members', out(renderGroupMembers(groups))],
		['state', out(renderGroupStates(groups, s.brokers))],
	] as const) {
		assertInert(text, name);
		assert.ok(text.includes(`group${SHOWN}`), name);
	}
	const offsets = out(renderGroupOffsets(groups)).split('\n').filter((l) => l.startsWith('GROUP') || l.startsWith('group')).slice(0, 4);
	assert.equal(offsets.filter((l) => l.startsWith('group')).length, 3, 'a newline in an id must not add a line');
	const lagAt = offsets[0]!.indexOf('LAG ');
	for (const l of offsets.slice(1)) assert.match(l.slice(lagAt), /^3 /, l);
	const members = out(renderGroupMembers(groups));
	for (const tag of ['member', 'instance', 'chost', 'client']) assert.ok(members.includes(tag + SHOWN), tag);
	assert.ok(out(renderGroupStates(groups, s.brokers)).includes(`strategy${SHOWN}`));
	// JSON keeps the exact ids
	const doc = JSON.parse(toJson(describeDocument(s, {topics: s.topics, groups})));
	assert.ok(JSON.stringify(doc).includes(JSON.stringify(`group${HOSTILE}`).slice(1, -1)));
	assert.equal(doc.groups[0].groupId, `group${HOSTILE}`);
});

function capture(stream: NodeJS.WriteStream, run: () => void): string {
	const chunks: string[] = [];
	const write = stream.write;
	stream.write = ((chunk: string | Uint8Array) => {
		chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
		return true;
	}) as typeof stream.write;
	try {
		run();
	} finally {
		stream.write = write;
	}
	return chunks.join('');
}

test('stderr: a broker error message with ESC, CR and a newline is one escaped kcon: line; JSON is exact', () => {
	const error = new KconError(`SASL authentication failed: ${HOSTILE}`);
	let code = 0;
	const err = capture(process.stderr, () => (code = reportError(error, false)));
	assert.equal(err, `kcon: SASL authentication failed: ${SHOWN}\n`);
	assert.equal(code, error.exitCode);
	const json = capture(process.stdout, () => reportError(error, true));
	assert.equal(JSON.parse(json).error.message, `SASL authentication failed: ${HOSTILE}`);
	assertInert(json, 'json error');
	assert.equal(capture(process.stderr, () => kconLine(`warning: ${HOSTILE}`)), `kcon: warning: ${SHOWN}\n`);
});

test('stdout/stderr writers: whatever a renderer forgot, no control sequence leaves', () => {
	assert.equal(capture(process.stdout, () => writeOut(`a\tb ${HOSTILE}\n`)), `a\tb ${SHOWN.replace('\\n', '\n').replace('\\t', '\t')}\n`);
	const err = capture(process.stderr, () => writeErr(`${HOSTILE}\n`));
	assertInert(err, 'stderr');
	assert.ok(!ANY_ESC.test(err));
});

function agent(extra: Partial<AgentState> = {}): AgentState {
	const base = agentState('pi1');
	return {...base, ifDescr: `if${HOSTILE}`, metrics: {...base.metrics!, sysName: `sys${HOSTILE}`, uptimeSeconds: 3600}, ...extra};
}

test('describe agents text: hostile sysName and ifDescr escaped, error text too, columns aligned', () => {
	const rows = [agentRow(agent()), agentRow(agent({name: 'pi2', status: 'unreachable', error: `timeout ${HOSTILE}`, metrics: null}))];
	const text = renderAgentsText(rows);
	assertInert(text, 'agents');
	assert.ok(text.includes(`sys${SHOWN}`) && text.includes(`if${SHOWN}`) && text.includes(`timeout ${SHOWN}`));
	const lines = text.split('\n');
	const at = lines[0]!.indexOf('UPTIME');
	assert.match(lines[1]!.slice(at), /^1h/);
	assert.match(lines[2]!.slice(at), /^–/);
});

function frame(actions: Action[], width = 200, height = 30): string {
	const state = actions.reduce(reducer, initialState({width, height}));
	const {lastFrame, unmount} = render(<Screen state={state} width={width} height={height} target={`boot${HOSTILE}`} />);
	const f = lastFrame() ?? '';
	unmount();
	return f;
}

// kcon's own colours, as the theme makes them; anything else starting with ESC must not be there
// eslint-disable-next-line no-control-regex
const OWN = /\u001b\[(?:0|1|2|7|22|27|3[0-9]|9[0-7])m/g;

function assertFrameInert(f: string, where: string) {
	const bare = f.replace(OWN, '');
	assert.ok(!ANY_ESC.test(bare), `${where}: an ESC that is not kcon's colour: ${JSON.stringify(bare.slice(bare.indexOf('\u001b') - 20, bare.indexOf('\u001b') + 20))}`);
	assertInert(bare.replace(/\t/g, ' '), where);
	assert.ok(!f.includes('PWNED\u0007'), `${where}: the OSC title sequence is intact`);
}

test('console: brokers, topics, partitions, groups, group views show hostile host, rack, topic, ids escaped', () => {
	for (const level of [0, 3] as const) {
		setColorLevel(level);
		const snap: Action = {type: 'snapshot', snapshot: hostileSnapshot()};
		const topic = `topic${HOSTILE}`;
		const views: [string, Action[]][] = [
			['brokers', [snap]],
			['topics', [snap, {type: 'goto', view: 'topics'}]],
			['partitions', [snap, {type: 'push', view: 'partitions', arg: topic}]],
			['groups', [snap, {type: 'goto', view: 'groups'}]],
			['group', [snap, {type: 'push', view: 'group', arg: `group${HOSTILE}`}]],
			['filter', [snap, {type: 'goto', view: 'topics'}, {type: 'mode', mode: 'filter'}, {type: 'filter', text: `topic${HOSTILE}`}]],
			['flash', [snap, {type: 'flash', level: 'error', text: `failed: ${HOSTILE}`}]],
			['down', [snap, {type: 'poll-failed', error: `SASL ${HOSTILE}`, attempt: 1, retryInMs: 2000}]],
		];
		for (const [name, actions] of views) {
			const f = frame(actions);
			assertFrameInert(f, `${name} (colour ${level})`);
			assert.equal(f.split('\n').length, 30, `${name}: a hostile string must not add lines`);
		}
		const brokers = frame(views[0]![1]).replace(OWN, '');
		assert.ok(brokers.includes('host' + 'x\\e]0;PWNED'), 'the host is shown, escaped');
		assert.ok(brokers.includes('error' + 'x\\e]0;PWNED'));
		const topics = frame(views[1]![1]).replace(OWN, '');
		assert.ok(topics.includes('topicx\\e]0;PWNED\\x07\\e[5mBLINK'), topics);
		const group = frame(views[4]![1], 400).replace(OWN, '');
		assert.ok(group.includes('memberx\\e]0;PWNED'), group);
		assert.ok(group.includes('clientx\\e]0;'), group);
	}
	setColorLevel(0);
});

test('console: agents list and detail show hostile sysName / ifDescr / error escaped', () => {
	setColorLevel(3);
	const agents = [agent(), agent({name: `pi${HOSTILE}`, status: 'unreachable', error: `no answer ${HOSTILE}`, metrics: null})];
	for (const l of agentsViewLines({agents, series: {}, width: 160, height: 20})) assertFrameInert(l, 'agents line');
	const list = render(<AgentsView agents={agents} series={{}} width={160} height={20} />);
	assertFrameInert(list.lastFrame() ?? '', 'agents view');
	assert.ok((list.lastFrame() ?? '').includes('no answer x\\e]0;PWNED'));
	list.unmount();
	const detail = render(<AgentDetailView agent={agents[0]!} series={undefined} width={160} height={30} />);
	const f = detail.lastFrame() ?? '';
	detail.unmount();
	assertFrameInert(f, 'agent detail');
	assert.ok(f.replace(OWN, '').includes(`sysName sys${SHOWN.slice(0, 20)}`), f);
	assert.ok(f.replace(OWN, '').includes(`if if${SHOWN.slice(0, 20)}`), f);
	setColorLevel(0);
});

test("console <Text>: a raw string is escaped, kcon's own colours pass, a name inside them is escaped", () => {
	setColorLevel(3);
	const {lastFrame, unmount} = render(
		<Text>
			{HOSTILE}
			{paint('bad', `topic ${HOSTILE}`)}
		</Text>,
	);
	const f = lastFrame() ?? '';
	unmount();
	setColorLevel(0);
	assertFrameInert(f, 'text');
	assert.ok(f.includes('\u001b[31mtopic x\\e]0;PWNED'), JSON.stringify(f));
	assert.ok(f.startsWith('x\\e]0;PWNED\\x07\\e[5mBLINK'), JSON.stringify(f));
});

// The boundary stays the only way out: a new raw write or a <Text> straight from Ink would bypass it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../source');

function sources(dir: string): string[] {
	return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

test('only terminal-out.ts writes to process.stdout/stderr (no console.log either); only ui/text.tsx uses Ink\'s <Text>', () => {
	const files = sources(root);
	assert.ok(files.length > 50);
	// the lab's own daemons write to their log files, not to a terminal
	const rawWriters = files.filter((f) => /process\.(stdout|stderr)\.write|console\.(log|error|warn|info)\(/.test(fs.readFileSync(f, 'utf8')) && !/terminal-out\.ts$|lab\/[a-z-]+-main\.ts$/.test(f));
	assert.deepEqual(rawWriters.map((f) => path.relative(root, f)), []);
	const inkText = files.filter((f) => /import \{[^}]*\bText\b[^}]*\} from 'ink'/.test(fs.readFileSync(f, 'utf8')) && !f.endsWith(path.join('ui', 'text.tsx')));
	assert.deepEqual(inkText.map((f) => path.relative(root, f)), []);
});
