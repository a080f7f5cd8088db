// The poller: skips ticks while a poll runs, backs off on failure, recovers by itself.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {Poller} from '../../../source/state/poller.js';

test('a tick that comes while the previous poll runs is skipped, not queued', async () => {
	let running = 0;
	let maxRunning = 0;
	let results = 0;
	const poller = new Poller({
		intervalMs: 20,
		fetch: async () => {
			running++;
			maxRunning = Math.max(maxRunning, running);
			await sleep(70);
			running--;
			return 1;
		},
		onResult: () => results++,
		onError: () => assert.fail('no error expected'),
	});
	poller.start();
	await sleep(260);
	poller.stop();
	assert.equal(maxRunning, 1);
	assert.ok(poller.skipped >= 3, `skipped ${poller.skipped}`);
	assert.ok(results >= 2 && results <= 4, `results ${results}`);
});

test('failures back off exponentially and the first success resets the cadence', async () => {
	const calls: number[] = [];
	let fail = true;
	const errors: [number, number][] = [];
	const poller = new Poller({
		intervalMs: 20,
		maxBackoffMs: 80,
		fetch: async () => {
			calls.push(Date.now());
			if (fail) throw new Error('no broker reachable');
			return 1;
		},
		onResult: () => {},
		onError: (_e, attempt, retry) => errors.push([attempt, retry]),
	});
	poller.start();
	await sleep(300);
	assert.deepEqual(errors.slice(0, 4), [[1, 20], [2, 40], [3, 80], [4, 80]]);
	fail = false;
	await sleep(150);
	poller.stop();
	assert.equal(poller.attempt, 0);
	const n = calls.length;
	await sleep(60);
	assert.equal(calls.length, n, 'stop() stops');
});

test('refreshNow polls at once unless a poll is running', async () => {
	let calls = 0;
	const poller = new Poller({intervalMs: 10_000, fetch: async () => ++calls, onResult: () => {}, onError: () => {}});
	poller.start();
	await sleep(20);
	assert.equal(calls, 1);
	assert.equal(poller.refreshNow(), true);
	await sleep(20);
	assert.equal(calls, 2);
	poller.stop();
});

test('while paused the ticks fetch nothing; once unpaused the next tick or refreshNow fetches', async () => {
	let calls = 0;
	let paused = false;
	const poller = new Poller({intervalMs: 20, fetch: async () => ++calls, onResult: () => {}, onError: () => {}, isPaused: () => paused});
	poller.start();
	await sleep(10);
	assert.equal(calls, 1);
	paused = true;
	await sleep(120);
	assert.equal(calls, 1, 'no fetch while paused');
	assert.ok(poller.paused >= 3, `paused ticks ${poller.paused}`);
	paused = false;
	assert.equal(poller.refreshNow(), true);
	await sleep(5);
	assert.ok(calls >= 2);
	poller.stop();
});

/** A poller driven by refreshNow only (its interval is far longer than the test): what each poll reported. */
function stepper(intervalMs: number, maxBackoffMs: number, outcomes: Array<'up' | 'down' | 'error'>) {
	const reports: string[] = [];
	let settle: () => void = () => {};
	let i = 0;
	const poller = new Poller({
		intervalMs,
		maxBackoffMs,
		fetch: async () => {
			const outcome = outcomes[i++]!;
			if (outcome === 'error') throw new Error('no broker reachable');
			return outcome;
		},
		isDown: (value) => value === 'down',
		onResult: (value, nextInMs) => {
			reports.push(`${value} next ${nextInMs}`);
			settle();
		},
		onError: (_e, attempt, retryInMs) => {
			reports.push(`error ${attempt} next ${retryInMs}`);
			settle();
		},
	});
	return {
		reports,
		async run() {
			for (let n = 0; n < outcomes.length; n++) {
				const done = new Promise<void>((resolve) => (settle = resolve));
				if (n === 0) poller.start();
				else assert.ok(poller.refreshNow(), `poll ${n + 1} starts`);
				await done;
			}
			poller.stop();
		},
	};
}

test('every poll reports when the next one comes: the back-off while down (results counted as down too), the interval once up', async () => {
	const s = stepper(60_000, 240_000, ['down', 'error', 'down', 'error', 'error', 'up', 'up']);
	await s.run();
	assert.deepEqual(s.reports, [
		'down next 60000',
		'error 2 next 120000',
		'down next 240000',
		'error 4 next 240000',
		'error 5 next 240000',
		'up next 60000',
		'up next 60000',
	]);
});

test('a back-off never polls more often than the interval, also with an interval above the cap', async () => {
	const s = stepper(60_000, 30_000, ['error', 'error', 'down', 'up']);
	await s.run();
	assert.deepEqual(s.reports, ['error 1 next 60000', 'error 2 next 60000', 'down next 60000', 'up next 60000']);
});
