// The console's `C` panel through the real App: the topic's configs with their source; e sets one
// (validateOnly preview old → new, y applies exactly that change, the panel reads again), d deletes
// an override only; a value the broker rejects is shown and nothing is applied; esc and n apply
// nothing; read-only binds nothing.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../../../source/ui/app.js';
import {OperationsProvider, type ConfigChange, type Operations} from '../../../../source/ui/operations.js';
import {fakeOperations} from '../../fake-operations.js';
import {setColorLevel} from '../../../../source/ui/theme.js';
import {labSnapshot} from '../../ui-fixtures.js';
import {tick, until} from '../../../helpers/frames.js';
import type {ConfigValue} from '../../../../source/ops/config-describe.js';
import type {AlterPlan} from '../../../../source/ops/config-alter.js';

const config = (name: string, value: string | null, source: string, extra: Partial<ConfigValue> = {}): ConfigValue => ({name, value, source, sensitive: false, readOnly: false, synonyms: [], ...extra});
const configs = [config('cleanup.policy', 'delete', 'DYNAMIC_TOPIC_CONFIG'), config('retention.ms', '604800000', 'DEFAULT_CONFIG'), config('x.evil', 'a\x1b[2Jb', 'DEFAULT_CONFIG')];

function planOf(change: ConfigChange): AlterPlan {
	const before = configs.find((c) => c.name === change.name) ?? null;
	return {target: {kind: 'topic', name: 'resource'}, changes: [{name: change.name, op: change.op, before, value: change.op === 'set' ? change.value : null, sensitive: false}]};
}

function mount(operations: Operations | null, readOnly = false) {
	setColorLevel(0);
	const source = {snapshot: async () => labSnapshot()};
	return render(
		<OperationsProvider operations={operations}>
			<App source={source} refreshMs={60_000} readOnly={readOnly} width={140} height={30} />
		</OperationsProvider>,
	);
}

async function type(stdin: {write(s: string): void}, text: string) {
	for (const ch of text) {
		stdin.write(ch);
		await tick(20);
	}
}

async function openPanel(frame: () => string | undefined, stdin: {write(s: string): void}) {
	await until(frame, /Brokers 3/);
	await type(stdin, ':topic resource\r');
	await until(frame, /Partitions of resource/);
	stdin.write('C');
	await until(frame, /Configs of topic resource: 3 \(1 set on the topic\)/);
	await tick();
}

test('C, e on retention.ms: validateOnly preview old → new, y applies exactly it, the panel reads again', async () => {
	const calls: [string, string, ConfigChange?][] = [];
	const operations = fakeOperations({
		configs: {
			describe: async (topic) => {
				calls.push(['describe', topic]);
				return configs;
			},
			preview: async (topic, change) => {
				calls.push(['preview', topic, change]);
				return planOf(change);
			},
			alter: async (topic, change) => {
				calls.push(['alter', topic, change]);
				return `topic ${topic}: set ${change.name}`;
			},
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await openPanel(lastFrame, stdin);
		const list = lastFrame()!;
		assert.match(list, /cleanup\.policy +delete +DYNAMIC_TOPIC_CONFIG/);
		assert.match(list, /retention\.ms +604800000 +DEFAULT_CONFIG/);
		assert.match(list, /a\\e\[2Jb/, 'a hostile value is shown escaped');
		assert.doesNotMatch(list, /\x1b\[2J/);
		stdin.write('j');
		await tick();
		stdin.write('e');
		await until(lastFrame, /set retention\.ms = 604800000█/);
		await type(stdin, '\x7f'.repeat(9) + '86400000');
		stdin.write('\r');
		await until(lastFrame, /retention\.ms: 604800000 \(DEFAULT_CONFIG\) → 86400000/);
		assert.match(lastFrame()!, /y applies, n or esc cancels/);
		assert.deepEqual(calls, [['describe', 'resource'], ['preview', 'resource', {name: 'retention.ms', op: 'set', value: '86400000'}]]);
		stdin.write('y');
		await until(lastFrame, /topic resource: set retention\.ms/);
		await until(lastFrame, /j\/k select/);
		assert.deepEqual(calls.slice(2), [['alter', 'resource', {name: 'retention.ms', op: 'set', value: '86400000'}], ['describe', 'resource']]);
	} finally {
		unmount();
	}
});

test('d deletes only an override; esc at the preview, or a value the broker rejects, applies nothing', async () => {
	const previews: ConfigChange[] = [];
	const operations = fakeOperations({
		configs: {
			describe: async () => configs,
			preview: async (_topic, change) => {
				previews.push(change);
				if (change.op === 'set') throw new Error('the broker refused: InvalidConfigurationException (Invalid value abc for configuration retention.ms)');
				return planOf(change);
			},
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await openPanel(lastFrame, stdin);
		stdin.write('j');
		await tick();
		stdin.write('d');
		await until(lastFrame, /retention\.ms has no override on resource to delete \(source DEFAULT_CONFIG\)/);
		assert.deepEqual(previews, []);
		stdin.write('k');
		await tick();
		stdin.write('d');
		await until(lastFrame, /cleanup\.policy: delete \(DYNAMIC_TOPIC_CONFIG\) → the override is removed/);
		stdin.write('\x1b');
		await until(lastFrame, /j\/k select/);
		stdin.write('j');
		await tick();
		stdin.write('e');
		await until(lastFrame, /set retention\.ms =/);
		await type(stdin, 'abc');
		stdin.write('\r');
		await until(lastFrame, /InvalidConfigurationException \(Invalid value abc/);
		assert.deepEqual(previews, [{name: 'cleanup.policy', op: 'delete'}, {name: 'retention.ms', op: 'set', value: '604800000abc'}]);
	} finally {
		unmount();
	}
});

test('read-only: C is not bound and :configs is refused; nothing is read or changed', async () => {
	const calls: string[] = [];
	const operations = fakeOperations({configs: {describe: async (t) => (calls.push(t), configs)}});
	const {lastFrame, stdin, unmount} = mount(operations, true);
	try {
		await until(lastFrame, /Brokers 3/);
		await type(stdin, ':topic resource\r');
		await until(lastFrame, /Partitions of resource/);
		assert.doesNotMatch(lastFrame()!, /<C> configs/);
		stdin.write('C');
		await tick(100);
		assert.doesNotMatch(lastFrame()!, /Configs of topic/);
		await type(stdin, ':configs resource\r');
		await until(lastFrame, /read-only mode: :configs is not available/);
		assert.deepEqual(calls, []);
	} finally {
		unmount();
	}
});
