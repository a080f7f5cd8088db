// The console's topic writes through the real App: D deletes only after the typed name (internal
// topics refused), P checks the new total with the controller, warns about re-hashing and needs the
// name, W writes exactly the record of the form; esc cancels; read-only binds none of them.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../../../source/ui/app.js';
import {OperationsProvider, type Operations} from '../../../../source/ui/operations.js';
import {fakeOperations} from '../../fake-operations.js';
import {setColorLevel} from '../../../../source/ui/theme.js';
import {labSnapshot} from '../../ui-fixtures.js';
import {tick, until} from '../../../helpers/frames.js';

type Stdin = {write(s: string): void};

function mount(operations: Operations | null, readOnly = false) {
	setColorLevel(0);
	const source = {snapshot: async () => labSnapshot()};
	return render(
		<OperationsProvider operations={operations}>
			<App source={source} refreshMs={60_000} readOnly={readOnly} width={140} height={30} />
		</OperationsProvider>,
	);
}

async function type(stdin: Stdin, text: string) {
	for (const ch of text) {
		stdin.write(ch);
		await tick(20);
	}
}

/** The topics view filtered down to `resource`. */
async function onResource(frame: () => string | undefined, stdin: Stdin) {
	await until(frame, /Brokers 3/);
	await type(stdin, ':topics\r');
	await until(frame, /Topics \d/);
	await type(stdin, '/^resource$\r');
	await until(frame, /Topics 1\/\d/);
}

async function press(frame: () => string | undefined, stdin: Stdin, key: string, opened: RegExp) {
	stdin.write(key);
	await until(frame, opened);
	// the view reads keys once it has mounted
	await tick();
}

test('D: the preview, a wrong name refused, the right name deletes exactly that topic', async () => {
	const deleted: string[] = [];
	const operations = fakeOperations({topics: {delete: async (t) => (deleted.push(t), `deleted topic ${t} (3 partition(s))`)}});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await onResource(lastFrame, stdin);
		await press(lastFrame, stdin, 'D', /Type resource and press enter/);
		assert.match(lastFrame()!, /Delete topic resource: 3 partition\(s\), RF 3 — every record in it is lost/);
		await type(stdin, 'resourc\r');
		await until(lastFrame, /'resourc' is not 'resource'/);
		assert.deepEqual(deleted, []);
		await type(stdin, 'e\r');
		await until(lastFrame, /deleted topic resource \(3 partition\(s\)\)/);
		assert.deepEqual(deleted, ['resource']);
	} finally {
		unmount();
	}
});

test('D on an internal topic is refused; esc at a prompt deletes nothing', async () => {
	const operations = fakeOperations();
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await until(lastFrame, /Brokers 3/);
		await type(stdin, ':delete-topic __consumer_offsets\r');
		await until(lastFrame, /'__consumer_offsets' is an internal topic; kcon never deletes those/);
		assert.doesNotMatch(lastFrame()!, /Type __consumer_offsets/);
		await tick();
		stdin.write('\x1b');
		await onResource(lastFrame, stdin);
		await press(lastFrame, stdin, 'D', /Type resource and press enter/);
		await type(stdin, 'resource');
		stdin.write('\x1b');
		await until(lastFrame, /Topics 1\//);
		await tick(100);
		assert.doesNotMatch(lastFrame()!, /deleting topic/);
	} finally {
		unmount();
	}
});

test('P: a total not above the current count is refused locally; 6 is checked, warned about, and added after the typed name', async () => {
	const calls: [string, string, number][] = [];
	const warning = 'records with a key will hash to other partitions (hash(key) % 6 instead of % 3): per-key order across the change is lost; the new partitions can never be removed';
	const operations = fakeOperations({
		topics: {
			previewAddPartitions: async (topic, total) => (calls.push(['preview', topic, total]), {topic, from: 3, to: total, warning}),
			addPartitions: async (topic, total) => (calls.push(['add', topic, total]), `topic ${topic}: 3 → ${total} partitions`),
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await until(lastFrame, /Brokers 3/);
		await type(stdin, ':topic resource\r');
		await until(lastFrame, /Partitions of resource/);
		await press(lastFrame, stdin, 'P', /Add partitions to resource \(now 3\)/);
		await type(stdin, '3\r');
		await until(lastFrame, /the new total must be a whole number above 3/);
		assert.deepEqual(calls, []);
		await type(stdin, '\x7f6\r');
		await until(lastFrame, /3 → 6 partitions \(the controller accepted it\)/);
		assert.match(lastFrame()!, /hash\(key\) % 6 instead of % 3/);
		assert.deepEqual(calls, [['preview', 'resource', 6]]);
		await tick();
		await type(stdin, 'resource\r');
		await until(lastFrame, /topic resource: 3 → 6 partitions/);
		assert.deepEqual(calls, [['preview', 'resource', 6], ['add', 'resource', 6]]);
	} finally {
		unmount();
	}
});

test('W: the form writes exactly its record and shows where it landed; a partition the topic lacks is refused first', async () => {
	const written: unknown[] = [];
	const operations = fakeOperations({
		topics: {produce: async (topic, record) => (written.push([topic, record]), `written to ${topic} partition ${record.partition} at offset 1200`)},
	});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await onResource(lastFrame, stdin);
		await press(lastFrame, stdin, 'W', /Write one record to resource \(3 partition\(s\)\)/);
		await type(stdin, 'k1\thello world\t7\r');
		await until(lastFrame, /the partition must be empty \(the default partitioner\) or 0 to 2/);
		assert.deepEqual(written, []);
		await type(stdin, '\x7f2\r');
		await until(lastFrame, /written to resource partition 2 at offset 1200/);
		assert.deepEqual(written, [['resource', {key: 'k1', value: 'hello world', partition: 2}]]);
	} finally {
		unmount();
	}
});

test('read-only: D, P and W are not bound and their commands are refused; nothing is called', async () => {
	const calls: string[] = [];
	const operations = fakeOperations({
		topics: {
			delete: async (t) => (calls.push(t), ''),
			previewAddPartitions: async (t) => (calls.push(t), {topic: t, from: 3, to: 4, warning: ''}),
			produce: async (t) => (calls.push(t), ''),
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations, true);
	try {
		await onResource(lastFrame, stdin);
		for (const key of ['D', 'P', 'W']) {
			stdin.write(key);
			await tick(100);
			assert.match(lastFrame()!, /Topics 1\//, `${key} opened nothing`);
		}
		for (const command of ['delete-topic', 'add-partitions', 'produce']) {
			await type(stdin, `:${command} resource\r`);
			await until(lastFrame, new RegExp(`read-only mode: :${command} is not available`));
		}
		assert.deepEqual(calls, []);
	} finally {
		unmount();
	}
});

test('N: the form is parsed as the CLI flags are, checked by the broker, and y creates exactly that topic', async () => {
	const calls: unknown[] = [];
	const operations = fakeOperations({
		topics: {
			previewCreate: async (t) => (calls.push(['preview', t]), {topic: t.topic, partitions: t.partitions, replicationFactor: t.replicationFactor, assignment: null, configs: t.configs, brokers: [3, 4, 5]}),
			create: async (t) => (calls.push(['create', t]), `created topic ${t.topic}: ${t.partitions} partition(s), replication factor ${t.replicationFactor}`),
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await until(lastFrame, /Brokers 3/);
		await type(stdin, ':topics\r');
		await until(lastFrame, /Topics \d/);
		await press(lastFrame, stdin, 'N', /Create a topic/);
		await type(stdin, 'orders\t0\t\t');
		await type(stdin, 'retention.ms=86400000 oops\r');
		await until(lastFrame, /configs takes name=value, not 'oops'/);
		assert.deepEqual(calls, []);
		await type(stdin, '\x7f'.repeat(5) + '\r');
		await until(lastFrame, /Create topic orders: 30 partition\(s\), replication factor 3 over brokers 3,4,5/);
		const form = {topic: 'orders', partitions: 30, replicationFactor: 3, configs: [{name: 'retention.ms', value: '86400000'}]};
		assert.deepEqual(calls, [['preview', form]]);
		await tick();
		stdin.write('y');
		await until(lastFrame, /created topic orders: 30 partition\(s\), replication factor 3/);
		assert.deepEqual(calls, [['preview', form], ['create', form]]);
	} finally {
		unmount();
	}
});
