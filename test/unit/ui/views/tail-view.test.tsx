// The console's tail view, drawn from fixture records with no broker running.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import type {TailRecord} from '../../../../source/domain/tail.js';
import {TailList, TailMessage, TailSession} from '../../../../source/ui/views/tail-view.js';
import {setColorLevel} from '../../../../source/ui/theme.js';

const FLUENTD =
	'{"tx_bytes":1181107,"rx_bytes":121373944,"tx_drops":0,"rx_drops":0,"tx_errors":0,"rx_errors":0,"cpu_load":"1.35","free_ram":2925856,"disk_util":6,"time":"2026-02-20T11:56:54+0000"}';

function rec(offset: number, value: string, partition = 0, extra: Partial<TailRecord> = {}): TailRecord {
	return {
		topic: 'resource',
		partition,
		offset: BigInt(offset),
		timestamp: Date.parse('2026-02-20T11:56:54.000Z') + offset,
		timestampType: 'create',
		key: null,
		value: Buffer.from(value),
		headers: [],
		broker: 3,
		...extra,
	};
}

const never = () => (async function* () {
	await new Promise(() => {});
	yield [] as TailRecord[];
})();

const tick = () => new Promise((r) => setTimeout(r, 150));

test('tail list: lab records decoded, newest at the bottom, bounded buffer, escaped payloads', async () => {
	setColorLevel(0);
	let now = 10_000;
	const session = new TailSession('resource', never, 3, () => now).start();
	session.add([rec(1, 'first'), rec(2, FLUENTD), rec(3, 'evil\u001b[2J\u0007')]);
	now += 1000;
	session.add([rec(4, '{ "other" : [1, 2] }', 2)]);
	const {lastFrame, unmount} = render(<TailList session={session} width={100} height={8} active />);
	await tick();
	const out = lastFrame() ?? '';
	unmount();
	session.stop();
	assert.doesNotMatch(out, /first/, 'the buffer keeps only the newest 3');
	assert.match(out, /3\/3 buffered/);
	assert.match(out, /4 received/);
	assert.match(out, /msg\/s/);
	assert.match(out, /p0@2 - \[fluentd\] cpu_load=1\.35 free_ram=2857\.3 MB disk_util=6%/);
	assert.match(out, /p0@3 - evil\\e\[2J\\x07/);
	assert.doesNotMatch(out, /\u001b\[2J|\u0007/);
	const lines = out.split('\n');
	assert.match(lines.filter((l) => l.trim()).at(-1)!, /p2@4 - \{"other":\[1,2\]\}/, 'newest last, JSON compacted');
	for (const l of lines) assert.ok([...l].length <= 100, `too wide: ${l}`);
});

test('tail list: p pauses and resumes, the filter narrows, enter opens the selected message', async () => {
	setColorLevel(0);
	const session = new TailSession('resource', never).start();
	session.add([rec(1, 'alpha'), rec(2, 'beta'), rec(3, 'alphabet')]);
	let openedRecord: TailRecord | null = null;
	const {lastFrame, stdin, rerender, unmount} = render(
		<TailList session={session} width={80} height={6} active filter="" onOpen={(r) => (openedRecord = r)} />,
	);
	await tick();
	stdin.write('p');
	await tick();
	assert.match(lastFrame() ?? '', /PAUSED/);
	assert.equal(session.snapshot().paused, true);
	stdin.write('p');
	await tick();
	assert.match(lastFrame() ?? '', /live/);
	rerender(<TailList session={session} width={80} height={6} active filter="ALPHA" onOpen={(r) => (openedRecord = r)} />);
	await tick();
	const out = lastFrame() ?? '';
	assert.match(out, /2 match \/ALPHA\//);
	assert.doesNotMatch(out, /beta/);
	stdin.write('k');
	await tick();
	stdin.write('\r');
	await tick();
	assert.equal((openedRecord as TailRecord | null)?.offset, 1n, 'k moved up from the newest match to alpha');
	unmount();
	session.stop();
});

test('one message whole: key, headers, pretty JSON value, decoded lab fields', () => {
	setColorLevel(0);
	const r = rec(7, FLUENTD, 1, {key: Buffer.from('pi-1'), headers: [{key: 'src', value: Buffer.from('collector\u001b')}]});
	const {lastFrame, unmount} = render(<TailMessage record={r} width={80} height={40} active={false} />);
	const out = lastFrame() ?? '';
	unmount();
	assert.match(out, /partition {2}1/);
	assert.match(out, /offset {5}7/);
	assert.match(out, /key {8}pi-1/);
	assert.match(out, /src: collector\\e/);
	assert.match(out, /format: fluentd/);
	assert.match(out, /free_ram: 2857\.3 MB/);
	assert.match(out, /"cpu_load": "1\.35",/);
});
