// The console's reassignment flow as a pure state machine: targets → preview → throttle → typed
// confirmation → start; esc steps back before the start and leaves after it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {changingMoves, flowFinished, flowKey, flowProgress, initialFlow, type FlowState} from '../../../../source/ui/views/reassign-flow.js';
import type {PartitionProgress, PartitionState} from '../../../../source/domain/reassign-progress.js';
import type {BrokerInfo, TopicInfo} from '../../../../source/domain/cluster.js';
import type {KeyInfo} from '../../../../source/ui/keys.js';
import {partition} from '../../ui-fixtures.js';

const broker = (id: number): BrokerInfo => ({id, host: '127.0.0.1', port: 9087 + id, rack: null, reachable: true});
const brokers = [broker(5), broker(3), broker(4)];
// six partitions, RF 2, all on brokers 3 and 4
const topic: TopicInfo = {name: 'moves', internal: false, partitions: [0, 1, 2, 3, 4, 5].map((p) => partition(p, p % 2 ? 4 : 3, p % 2 ? [4, 3] : [3, 4], [3, 4]))};

function press(state: FlowState, ...keys: Array<string | KeyInfo>) {
	let s = state;
	let effect = null as ReturnType<typeof flowKey>['effect'];
	for (const k of keys) {
		const r = typeof k === 'string' ? [...k].reduce((acc, ch) => flowKey(acc.state, topic, ch, {}), {state: s, effect: null as typeof effect}) : flowKey(s, topic, '', k);
		s = r.state;
		effect = r.effect;
	}
	return {state: s, effect};
}

test('targets default to every reachable registered broker, sorted; space toggles the one under the cursor', () => {
	const down = initialFlow([...brokers, {...broker(6), registered: false}, {...broker(7), reachable: false}]);
	assert.deepEqual(down.brokers, [3, 4, 5, 7], 'a fenced broker is not offered, an unreachable one is');
	assert.deepEqual(down.targets, [3, 4, 5], 'the unreachable one is not proposed');
	const s = initialFlow(brokers);
	assert.deepEqual(s.targets, [3, 4, 5]);
	const {state} = press(s, 'j', ' ');
	assert.deepEqual(state.targets, [3, 5]);
	assert.deepEqual(press(state, ' ').state.targets, [3, 4, 5]);
	assert.equal(press(s, 'k', 'k').state.cursor, 0, 'the cursor stops at the top');
});

test('enter generates the plan onto the targets; too few targets for RF 2 is an error, not a step', () => {
	const one = press(initialFlow(brokers), ' ', 'j', ' ', {return: true}).state;
	assert.deepEqual(one.targets, [5]);
	assert.equal(one.step, 'targets');
	assert.match(one.error ?? '', /2 replicas but only 1 target/);
	const s = press(initialFlow(brokers), {return: true}).state;
	assert.equal(s.step, 'preview');
	const moves = changingMoves(s.generated!);
	assert.ok(moves.length > 0 && moves.length < 6, `moves only some partitions: ${moves.length}`);
	for (const m of moves) assert.ok(m.to.includes(5), `partition ${m.partition} gains broker 5`);
	const plan = s.generated!.plan.partitions;
	assert.equal(plan.length, 6);
	for (const e of plan) assert.equal(new Set(e.replicas).size, 2);
});

test('throttle: empty means none, a rate is parsed, garbage stays on the step with the reason', () => {
	const preview = press(initialFlow(brokers), {return: true}).state;
	const none = press(preview, {return: true}, {return: true}).state;
	assert.equal(none.step, 'execute');
	assert.equal(none.throttle, null);
	const bad = press(preview, {return: true}, 'fast', {return: true}).state;
	assert.equal(bad.step, 'throttle');
	assert.match(bad.error ?? '', /^throttle: /);
	const rate = press(preview, {return: true}, '10MB/s', {return: true}).state;
	assert.equal(rate.step, 'execute');
	assert.equal(rate.throttle, 10_000_000);
	assert.equal(press(rate, {escape: true}).state.step, 'throttle', 'esc steps back');
});

test('execute: only the typed word starts it; after the start esc leaves', () => {
	const execute = press(initialFlow(brokers), {return: true}, {return: true}, {return: true}).state;
	const wrong = press(execute, 'yes', {return: true});
	assert.equal(wrong.effect, null);
	assert.equal(wrong.state.step, 'execute');
	assert.match(wrong.state.error ?? '', /type 'reassign'/);
	const typo = press(execute, 'reassignx', {backspace: true}, {return: true});
	assert.equal(typo.effect, 'start');
	assert.equal(typo.state.step, 'progress');
	assert.equal(press(typo.state, {escape: true}).effect, 'leave');
	assert.equal(press(initialFlow(brokers), {escape: true}).effect, 'leave', 'esc on the first step leaves');
});

test('progress: c asks, y cancels once, any other key keeps the moves; nothing after the end', () => {
	const running = press(initialFlow(brokers), {return: true}, {return: true}, {return: true}, 'reassign', {return: true}).state;
	assert.equal(running.step, 'progress');
	const asked = press(running, 'c').state;
	assert.equal(asked.confirmCancel, true);
	assert.equal(press(asked, 'n').state.confirmCancel, false);
	assert.equal(press(asked, 'n').effect, null);
	assert.equal(press(asked, 'y').effect, 'cancel');
	assert.equal(press({...running, finished: true}, 'c').state.confirmCancel, false, 'no cancel once finished');
});

test('a preview with nothing to move cannot go on', () => {
	const s = press(initialFlow(brokers), 'j', 'j', ' ').state; // targets 3,4: where everything is
	assert.deepEqual(s.targets, [3, 4]);
	const preview = press(s, {return: true}).state;
	assert.equal(changingMoves(preview.generated!).length, 0);
	const stuck = press(preview, {return: true}).state;
	assert.equal(stuck.step, 'preview');
	assert.match(stuck.error ?? '', /nothing to move/);
});

const progressRow = (p: number, state: PartitionState): PartitionProgress => ({
	topic: 'moves', partition: p, state, current: state === 'differs' ? [4, 3] : [3, 5], target: [3, 5],
	adding: [], removing: [], bytesDone: null, bytesTotal: null, rate: null, etaSeconds: null,
});
const progressRows = (...states: PartitionState[]) => states.map((s, i) => progressRow(i, s));

test('the console flow: moving keeps polling, differs ends as "NOT as planned", never as complete', () => {
	const start = {...initialFlow([]), step: 'progress' as const, started: true, throttle: 1_000_000};
	const moving = flowProgress(start, progressRows('moving', 'done'));
	assert.equal(moving.effect, null);
	assert.equal(moving.state.outcome, null);
	assert.equal(moving.state.finished, false);
	const ended = flowProgress(moving.state, progressRows('done', 'differs'));
	assert.equal(ended.effect, 'finish', 'the throttle step runs once nothing moves');
	assert.equal(ended.state.outcome, 'differs');
	assert.equal(ended.state.finished, false, 'not finished before the throttle step is over');
	const done = flowFinished(ended.state, 'moves', 'removed');
	assert.equal(done.state.finished, true);
	assert.equal(done.status, 'reassignment of moves finished, 1 of 2 partition(s) NOT as planned; throttles: removed — esc goes back');
	assert.doesNotMatch(done.status, /complete/);
	const ok = flowFinished(flowProgress(start, progressRows('done', 'done')).state, 'moves', 'none set');
	assert.equal(ok.status, 'reassignment of moves complete; throttles: none set — esc goes back');
});
