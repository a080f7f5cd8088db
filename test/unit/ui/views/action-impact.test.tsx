// The console's kill preview and confirmations, drawn from fixture impacts (no broker running).
import {test} from 'node:test';
import {GLYPHS} from '../../../../source/present/glyphs.js';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {ImpactPreview} from '../../../../source/ui/views/action-impact.js';
import {KillConfirm, killSteps, TypeToConfirm} from '../../../../source/ui/views/action-confirm.js';
import {setColorLevel} from '../../../../source/ui/theme.js';
import type {KillImpact} from '../../../../source/domain/impact.js';
import {until} from '../../../helpers/frames.js';

const impact = (over: Partial<KillImpact> = {}): KillImpact => ({
	brokerId: 4,
	known: true,
	reachableBefore: 3,
	reachableAfter: 2,
	lastReachable: false,
	leaderMoves: [{topic: 'resource', partition: 2, from: 4, to: 5}],
	offline: [{topic: 'single', partition: 1, replicas: [4], isr: [4], reason: 'replication factor 1'}],
	underMinIsr: [],
	isrShrinks: 2,
	coordinators: [{groupId: 'tower', offsetsPartition: 7, effect: 'lost', to: null}],
	replicas: 6,
	...over,
});

const tick = () => new Promise((r) => setTimeout(r, 20));

test('impact preview: moves, offline partitions, lost coordinators and the force warning', () => {
	setColorLevel(0);
	const {lastFrame, unmount} = render(<ImpactPreview impact={impact()} width={100} height={20} />);
	const out = lastFrame()!;
	unmount();
	assert.match(out, /Impact of stopping broker 4: 1 leader moves, 1 partition goes offline, 1 group coordinator lost/);
	assert.match(out, /resource-2 {2}4 → 5/);
	assert.match(out, /single-1 {2}replicas \[4\] {2}replication factor 1/);
	assert.match(out, /tower {2}\(__consumer_offsets-7\)/);
	assert.ok(out.includes(`${GLYPHS.warning} killing broker 4 takes 1 partition offline`), out);
});

test('type-to-confirm shows what to type and what was typed', () => {
	setColorLevel(0);
	const {lastFrame, unmount} = render(<TypeToConfirm title="Kill -9 broker 4" expected="4" typed="5" error="'5' is not '4'" width={70} />);
	const out = lastFrame()!;
	unmount();
	assert.match(out, /Kill -9 broker 4/);
	assert.match(out, /Type 4 and press enter/);
	assert.match(out, /'5' is not '4'/);
});

async function type(stdin: {write: (s: string) => void}, lastFrame: () => string | undefined, text: string): Promise<void> {
	let typed = '';
	for (const ch of text) {
		stdin.write(ch);
		typed += ch;
		await until(lastFrame, new RegExp(`cancel: ${typed}█`));
	}
}

test('kill flow: wrong id is rejected, the id then "offline" confirm with force', async () => {
	setColorLevel(0);
	const confirmed: Array<{force: boolean}> = [];
	let cancelled = 0;
	const {stdin, lastFrame, unmount} = render(
		<KillConfirm impact={impact()} signal="KILL" width={80} height={24} onConfirm={(o) => confirmed.push(o)} onCancel={() => cancelled++} />,
	);
	await until(lastFrame, /Type 4 and press enter/);
	await tick();
	await type(stdin, lastFrame, '5');
	stdin.write('\r');
	await until(lastFrame, /'5' is not '4'/);
	assert.equal(confirmed.length, 0);
	stdin.write('\u007f');
	await until(lastFrame, /cancel: █/);
	await type(stdin, lastFrame, '4');
	stdin.write('\r');
	await until(lastFrame, /takes 1 partition OFFLINE until broker 4 is back/);
	assert.equal(confirmed.length, 0, 'one confirmation is not enough when partitions go offline');
	await new Promise((r) => setTimeout(r, 200)); // the second prompt subscribes to input after it mounts
	await type(stdin, lastFrame, 'offline');
	stdin.write('\r');
	const deadline = Date.now() + 3000;
	while (confirmed.length === 0 && Date.now() < deadline) await tick();
	assert.deepEqual(confirmed, [{force: true}]);
	assert.equal(cancelled, 0);
	unmount();
});

test('kill flow: a harmless kill needs only the id; esc cancels; the last broker is refused', async () => {
	setColorLevel(0);
	assert.deepEqual(killSteps(impact({offline: [], coordinators: []})).steps, ['confirm-id']);
	const last = killSteps(impact({lastReachable: true, reachableAfter: 0}));
	assert.deepEqual(last.steps, ['refused']);
	assert.match(last.refusal!, /last reachable broker: use `kcon broker kill 4 --force`/);
	let cancelled = 0;
	const {stdin, unmount} = render(
		<KillConfirm impact={impact({offline: []})} signal="TERM" width={80} height={24} onConfirm={() => assert.fail('no confirm')} onCancel={() => cancelled++} />,
	);
	await tick();
	stdin.write('\u001b');
	await tick();
	assert.equal(cancelled, 1);
	unmount();
});
