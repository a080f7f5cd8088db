import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	formatPlan,
	generatePlan,
	parsePlan,
	parseRate,
	PlanError,
	planProblems,
	rollbackPlan,
	throttledReplicas,
} from '../../../source/domain/reassign-plan.js';
import type {BrokerInfo, TopicInfo} from '../../../source/domain/cluster.js';
import {partition} from '../ui-fixtures.js';

const broker = (id: number, reachable = true): BrokerInfo => ({id, host: 'h', port: 1, rack: null, reachable});
const part = (p: number, replicas: number[]) => partition(p, replicas[0]!, replicas, replicas, null, null);
const topic = (name: string, assignment: number[][]): TopicInfo => ({name, internal: false, partitions: assignment.map((r, i) => part(i, r))});

function problemsOf(fn: () => unknown): string[] {
	try {
		fn();
	} catch (error) {
		assert.ok(error instanceof PlanError, String(error));
		return error.problems;
	}
	assert.fail('expected a PlanError');
}

test('generate: moving a 6-partition RF 2 topic from brokers 3,4 to 3,4,5 moves only what balance needs', () => {
	const t = topic('orders', [[3, 4], [4, 3], [3, 4], [4, 3], [3, 4], [4, 3]]);
	const g = generatePlan([t], [3, 4, 5]);
	const counts = new Map<number, number>();
	const leaders = new Map<number, number>();
	for (const e of g.plan.partitions) {
		assert.equal(e.replicas.length, 2);
		assert.equal(new Set(e.replicas).size, 2);
		assert.deepEqual(e.log_dirs, ['any', 'any']);
		for (const r of e.replicas) counts.set(r, (counts.get(r) ?? 0) + 1);
		leaders.set(e.replicas[0]!, (leaders.get(e.replicas[0]!) ?? 0) + 1);
	}
	assert.deepEqual([...counts.entries()].sort(), [[3, 4], [4, 4], [5, 4]]);
	assert.deepEqual([...leaders.entries()].sort(), [[3, 2], [4, 2], [5, 2]]);
	// 12 replicas, 4 must land on broker 5: exactly 4 moves, no more
	assert.equal(g.replicaMoves, 4);
	assert.deepEqual(g.current.partitions.map((e) => e.replicas), t.partitions.map((p) => p.replicas));
});

test('generate: an already balanced assignment stays unchanged', () => {
	const t = topic('resource', [[3, 4, 5], [4, 5, 3], [5, 3, 4]]);
	const g = generatePlan([t], [3, 4, 5]);
	assert.equal(g.replicaMoves, 0);
	assert.equal(g.leaderChanges, 0);
	assert.deepEqual(g.plan.partitions.map((e) => e.replicas), [[3, 4, 5], [4, 5, 3], [5, 3, 4]]);
});

test('generate: draining a broker moves its replicas away', () => {
	const t = topic('t', [[3, 4], [4, 5], [5, 3]]);
	const g = generatePlan([t], [4, 5]);
	for (const e of g.plan.partitions) assert.ok(!e.replicas.includes(3));
	assert.equal(g.replicaMoves, 2);
});

test('generate: rack-aware placement spreads replicas over racks', () => {
	const t = topic('t', [[1, 2], [1, 2], [1, 2], [1, 2]]);
	const racks = new Map<number, string | null>([
		[1, 'a'],
		[2, 'a'],
		[3, 'b'],
		[4, 'b'],
	]);
	const g = generatePlan([t], [1, 2, 3, 4], {racks, rackAware: true});
	for (const e of g.plan.partitions) {
		assert.notEqual(racks.get(e.replicas[0]!), racks.get(e.replicas[1]!), JSON.stringify(e));
	}
});

test('generate: RF larger than the target brokers is refused', () => {
	const problems = problemsOf(() => generatePlan([topic('t', [[1, 2, 3]])], [1, 2]));
	assert.match(problems[0]!, /3 replicas but only 2 target brokers/);
});

test('parse: the JSON the Java tool prints is accepted, and formatPlan round-trips it', () => {
	const java =
		'{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[4,5],"log_dirs":["any","any"]},{"topic":"orders","partition":1,"replicas":[5,3],"log_dirs":["any","any"]}]}';
	const plan = parsePlan(java);
	assert.equal(plan.partitions.length, 2);
	assert.equal(formatPlan(plan), java);
	assert.deepEqual(parsePlan('{"version":1,"partitions":[{"topic":"a","partition":0,"replicas":[1]}]}').partitions[0]!.replicas, [1]);
});

test('parse: every structural problem is collected', () => {
	const problems = problemsOf(() =>
		parsePlan(
			JSON.stringify({
				version: 2,
				partitions: [
					{topic: 'a', partition: 0, replicas: [1, 1]},
					{topic: 'a', partition: 1, replicas: []},
					{topic: '', partition: -1, replicas: [1]},
					{topic: 'a', partition: 2, replicas: [1, 2], log_dirs: ['any']},
					{topic: 'b', partition: 0, replicas: [1]},
					{topic: 'b', partition: 0, replicas: [2]},
				],
			}),
		),
	);
	assert.deepEqual(problems, [
		'unsupported plan version 2 (expected 1)',
		'a-0: duplicate replica 1 in [1,1]',
		'a-1: empty replica list',
		'partitions[2]: "topic" must be a non-empty string',
		'partitions[2]: "partition" must be a whole number from 0 to 2147483647',
		'a-2: "log_dirs" has 1 entries for 2 replicas',
		'b-0 is listed more than once',
	]);
	assert.match(problemsOf(() => parsePlan('{oops'))[0]!, /not valid JSON/);
	assert.deepEqual(problemsOf(() => parsePlan('{"version":1}')), ['the plan has no "partitions" array']);
});

test('validate: missing topics and partitions, unknown, dead and unreachable brokers, RF change', () => {
	const topics = [topic('orders', [[3, 4], [4, 6]])];
	const brokers = [broker(3), broker(4), broker(5, false)];
	const plan = parsePlan(
		JSON.stringify({
			version: 1,
			partitions: [
				{topic: 'orders', partition: 0, replicas: [3, 9]},
				{topic: 'orders', partition: 1, replicas: [6, 5]},
				{topic: 'orders', partition: 7, replicas: [3, 4]},
				{topic: 'ghost', partition: 0, replicas: [3, 4]},
				{topic: 'orders', partition: 0 + 0, replicas: [3]} as never,
			].slice(0, 4),
		}),
	);
	assert.deepEqual(planProblems(plan, topics, brokers), [
		'broker 9 is unknown (orders-0)',
		'broker 6 is not alive (orders-1)',
		'broker 5 is not reachable (orders-1)',
		'partition orders-7 does not exist (topic \'orders\' has 2 partitions)',
		"topic 'ghost' does not exist",
	]);
	const rf = parsePlan('{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[3,4,5]}]}');
	assert.deepEqual(planProblems(rf, topics, [broker(3), broker(4), broker(5)]), [
		'orders-0: replication factor would change from 2 to 3 (use --allow-rf-change)',
	]);
	assert.deepEqual(planProblems(rf, topics, [broker(3), broker(4), broker(5)], {allowRfChange: true}), []);
});

test('rollback plan and throttled replicas follow ReassignPartitionsCommand', () => {
	const topics = [topic('orders', [[3, 4], [4, 3]])];
	const plan = parsePlan('{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[5,4]},{"topic":"orders","partition":1,"replicas":[4,3]}]}');
	assert.deepEqual(rollbackPlan(plan, topics).partitions.map((e) => e.replicas), [[3, 4], [4, 3]]);
	assert.deepEqual(throttledReplicas(plan, topics).get('orders'), {leader: '0:3,0:4', follower: '0:5'});
});

test('parseRate', () => {
	assert.equal(parseRate('10MB/s'), 10_000_000);
	assert.equal(parseRate('512KiB/s'), 524_288);
	assert.equal(parseRate('1000'), 1000);
	assert.throws(() => parseRate('fast'));
	assert.throws(() => parseRate('0MB/s'));
});
