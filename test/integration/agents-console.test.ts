// The console's `:agents` in a real terminal (tmux, 160×40) on the shared test lab: one row per
// lab agent whose sparklines move as samples arrive, and `enter` opens the per-metric charts.
// Our own tmux socket, killed by that socket only.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {CLI, eventually, sharedLab} from '../helpers/lab.js';
import {tmuxTerminal} from '../helpers/tmux.js';

const {tmux, screen, keys, see, kill} = tmuxTerminal('agents');

after(() => {
	kill();
});

test(':agents shows every lab agent with moving sparklines; enter opens its charts', {timeout: 120_000}, async () => {
	const lab = await sharedLab();
	const agents = lab.state().agents;
	const cmd = `env -u CI KCON_STATE_DIR=${lab.stateDir} ${process.execPath} ${CLI} --lab --refresh 1; sleep 60`;
	tmux('new-session', '-d', '-s', 'agents', '-x', '160', '-y', '40', cmd);
	await see(new RegExp(`agents up ${agents.length}/${agents.length}`), 60_000);
	keys(':agents', 'Enter');
	await see(/NAME\s+ADDRESS\s+STATUS/);
	const rowOf = (s: string, name: string) => s.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
	const first = agents[0]!;
	const before = rowOf(await see(new RegExp(`^${first.name}\\s+${first.host.replace(/\./g, '\\.')}:${first.port}\\s+ok`, 'm')), first.name);
	// the row changes while samples arrive, and carries sparkline glyphs
	const after = await eventually(() => {
		const row = rowOf(screen(), first.name);
		return row !== before && /[▁▂▃▄▅▆▇█]{3}/.test(row) ? row : null;
	}, {timeoutMs: 30_000, intervalMs: 500});
	assert.ok(/[▁▂▃▄▅▆▇█]/.test(after!), after!);
	for (const a of agents) assert.match(screen(), new RegExp(`^${a.name}\\s+\\S+\\s+ok`, 'm'));
	keys('Enter');
	const detail = await see(/CPU {2}now .*min .*max/);
	assert.match(detail, /Memory used {2}now/);
	assert.match(detail, /RX {2}now/);
	keys('q');
});
