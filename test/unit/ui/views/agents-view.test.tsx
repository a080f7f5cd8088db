// The agents views drawn from fixture agent states and series, with no agent running.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import type {AgentState} from '../../../../source/domain/metrics.js';
import {sparkline} from '../../../../source/domain/sparkline.js';
import {AgentsView, agentsLayout, agentsViewLines, netSeries, type AgentSeries} from '../../../../source/ui/views/agents-view.js';
import {AgentDetailView, agentDetailLines} from '../../../../source/ui/views/agent-detail-view.js';
import {setColorLevel} from '../../../../source/ui/theme.js';
import {AgentsScreen, agentViewDefs} from '../../../../source/ui/views/agents-screen.js';
import {agentState as state} from '../../ui-fixtures.js';

setColorLevel(0);

function series(seed: number, n = 120): AgentSeries {
	const wave = (k: number) => Array.from({length: n}, (_, i) => 50 + 45 * Math.sin((i + seed) / k));
	return {
		cpuPercent: wave(7),
		memUsedPercent: wave(30),
		rxBytesPerSec: wave(5).map((v) => v * 20_000),
		txBytesPerSec: wave(9).map((v) => v * 1000),
		load1: wave(40).map((v) => v / 30),
		diskPercent: Array(n).fill(6),
	};
}

const agents: AgentState[] = [
	state('pi1'),
	state('pi2', {status: 'partial', error: 'missing: dskPercent1', metrics: {...state('x').metrics!, diskPercent: null}}),
	state('pi3', {status: 'unreachable', error: '127.0.1.3:1161: no response within 800 ms (agent down, or wrong community)', latencyMs: null}),
];

test('agents view: title with agents up M/N, one row per agent with values and sparklines', () => {
	const props = {agents, series: {pi1: series(0), pi2: series(3)}, width: 150, height: 12};
	const {lastFrame, unmount} = render(<AgentsView {...props} />);
	const frame = lastFrame()!;
	unmount();
	const lines = frame.split('\n');
	assert.equal(lines[0], 'Agents 2/3 up');
	assert.match(lines[1]!, /^NAME\s+ADDRESS\s+STATUS\s+UPTIME\s+CPU%\s+LOAD\s+MEM%\s+DISK%\s+RX\s+TX\s+rx\+tx/);
	const pi1 = lines.find((l) => l.startsWith('pi1'))!;
	assert.match(pi1, /^pi1\s+127\.0\.1\.1:1161\s+ok\s+3d 4h\s+42\.5 /);
	assert.match(pi1, /1\.35\s+24\.7 /);
	assert.match(pi1, /1\.2 MB\/s\s+98\.0 kB\/s/);
	// the sparklines are the domain sparklines of the series (CPU and memory on a 0..100 scale)
	const spark = agentsLayout(agents, 150).spark;
	assert.ok(spark >= 10, `spark width ${spark}`);
	assert.ok(pi1.includes(sparkline(series(0).cpuPercent, spark, {min: 0, max: 100})), pi1);
	assert.ok(pi1.includes(sparkline(series(0).memUsedPercent, spark, {min: 0, max: 100})), pi1);
	assert.ok(pi1.includes(sparkline(netSeries(series(0)), spark)), pi1);
	const pi2 = lines.find((l) => l.startsWith('pi2'))!;
	assert.match(pi2, /partial/);
	const pi3 = lines.find((l) => l.startsWith('pi3'))!;
	assert.match(pi3, /unreachable\s+–\s+–/);
	assert.ok(lines.some((l) => l.startsWith('pi3: 127.0.1.3:1161: no response')), 'the reason is shown');
	assert.ok(lines.some((l) => l.startsWith('pi2: missing: dskPercent1')));
	for (const line of lines) assert.ok([...line].length <= 150, `line fits: ${line}`);
});

test('agents view: sparklines move when new samples arrive', () => {
	const s1 = series(0);
	const s2 = series(1);
	const a = agentsViewLines({agents, series: {pi1: s1}, width: 150, height: 10}, false)[2]!;
	const b = agentsViewLines({agents, series: {pi1: s2}, width: 150, height: 10}, false)[2]!;
	assert.notEqual(a, b);
});

test('agents view fits narrow terminals: sparklines then addresses go first, lines never exceed width', () => {
	for (const width of [120, 100, 80, 60, 40]) {
		const lines = agentsViewLines({agents, series: {pi1: series(0)}, width, height: 10}, false);
		for (const line of lines) assert.ok([...line].length <= width, `${width}: ${line}`);
		assert.ok(lines.some((l) => l.startsWith('pi1')));
	}
	const narrow = agentsViewLines({agents, series: {pi1: series(0)}, width: 80, height: 10}, false);
	assert.ok(!narrow[2]!.includes('127.0.1.1'), 'no address at 80 columns');
	const empty = agentsViewLines({agents: [], series: {}, width: 80, height: 5}, false);
	assert.match(empty[1]!, /no agents/);
});

test('agents view: cursor row in reverse video, height respected', () => {
	setColorLevel(1);
	try {
		const lines = agentsViewLines({agents, series: {}, width: 150, height: 4, cursor: 1}, true);
		assert.equal(lines.length, 4);
		// rows 0..1 fit (title + header + 2 rows); the selected pi2 is inverse
		assert.ok(lines.some((l) => l.includes('\u001b[7m') && l.includes('pi2')));
	} finally {
		setColorLevel(0);
	}
});

test('agent detail: per-metric charts with current/min/max, fitted to width and height', () => {
	const s = series(0, 600);
	const props = {agent: agents[0]!, series: s, width: 100, height: 30};
	const {lastFrame, unmount} = render(<AgentDetailView {...props} />);
	const lines = lastFrame()!.split('\n');
	unmount();
	assert.match(lines[0]!, /^pi1  127\.0\.1\.1:1161  ok/);
	assert.match(lines[1]!, /sysName pi {2}up 3d 4h {2}if eth0 \(#2, 64-bit counters\)/);
	const cpuLabel = lines.findIndex((l) => l.startsWith('CPU  now '));
	assert.ok(cpuLabel > 0);
	const cpu = s.cpuPercent as number[];
	const last = cpu.at(-1)!;
	assert.ok(lines[cpuLabel]!.includes(`now ${last.toFixed(1)}%`));
	assert.ok(lines[cpuLabel]!.includes(`max ${Math.max(...cpu).toFixed(1)}%`));
	for (const label of ['Memory used  now', 'RX  now', 'TX  now', 'Load (1 min)  now']) {
		assert.ok(lines.some((l) => l.startsWith(label)), label);
	}
	assert.equal(lines.length, 30);
	for (const line of lines) assert.ok([...line].length <= 100);
	// chart rows are drawn with blocks
	assert.ok(lines[cpuLabel + 1]!.match(/[▁▂▃▄▅▆▇█]/) || lines[cpuLabel + 2]!.match(/[▁▂▃▄▅▆▇█]/));
	// small terminal: fewer charts, never more lines than the height
	const small = agentDetailLines({...props, height: 9}, false);
	assert.ok(small.length <= 9);
	assert.ok(small.some((l) => l.startsWith('CPU  now')));
});

test('mounted agents screen: reads an AgentSource, ↓ then enter opens the selected agent', async () => {
	const listeners = new Set<() => void>();
	let snap = {states: agents, series: {pi1: series(0)} as Record<string, AgentSeries>, windowMs: 600_000};
	const source = {
		subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
		snapshot: () => snap,
	};
	const opened: string[] = [];
	const {lastFrame, stdin, unmount} = render(
		<AgentsScreen source={source} width={150} height={10} active onOpen={(name) => opened.push(name)} />,
	);
	const tick = () => new Promise((r) => setTimeout(r, 200));
	await tick();
	assert.match(lastFrame()!, /^NAME/); // the console's title bar carries "Agents M/N up"
	stdin.write('j');
	await tick();
	stdin.write('\r');
	await tick();
	assert.deepEqual(opened, ['pi2']);
	// a new snapshot from the source redraws
	snap = {...snap, states: [state('pi1', {status: 'unreachable', error: 'gone'}), ...agents.slice(1)]};
	for (const l of listeners) l();
	await tick();
	assert.match(lastFrame()!, /pi1\s+127\.0\.1\.1:1161\s+unreachable/);
	unmount();
	const defs = agentViewDefs(source);
	assert.deepEqual(defs.map((d) => d.command), ['agents', 'agent']);
	assert.equal(defs[0]!.title({view: 'agents', cursor: 0, offset: 0, filter: '', sort: null}), 'Agents 1/3 up');
});

test('agents screen: keys that arrive before React renders act on the cursor the previous key left', async () => {
	const snap = {states: agents, series: {} as Record<string, AgentSeries>, windowMs: 600_000};
	const source = {subscribe: () => () => {}, snapshot: () => snap};
	const opened: string[] = [];
	const {stdin, unmount} = render(<AgentsScreen source={source} width={150} height={10} active onOpen={(name) => opened.push(name)} />);
	await new Promise((r) => setTimeout(r, 100));
	// no await between them: the second key is handled before the first one's render
	stdin.write('j');
	stdin.write('j');
	stdin.write('\r');
	await new Promise((r) => setTimeout(r, 100));
	assert.deepEqual(opened, ['pi3']);
	unmount();
});
