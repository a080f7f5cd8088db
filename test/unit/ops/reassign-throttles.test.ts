// Throttles as one undoable change: a failure midway puts back what was set (previous values where
// there were any, else deleted); when the undo fails too, the error names what is left and the
// kafka-configs command that removes it. The cluster is a fake ConfigActions recording every call.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setThrottles, undoCommand, type ConfigActions} from '../../../source/ops/reassign-throttles.js';
import {OP_DELETE, OP_SET, RESOURCE_BROKER, RESOURCE_TOPIC, type ConfigOutcome, type ConfigResourceChange, type DescribedConfig} from '../../../source/kafka/actions/cluster-actions.js';
import type {Settings} from '../../../source/config/settings.js';

const settings: Settings = {brokers: ['127.0.0.1:9090', '127.0.0.1:9091'], readOnly: false, source: 'flag'};
const replicas: Array<[string, {leader: string; follower: string}]> = [['moves', {leader: '0:3,0:4', follower: '0:5'}]];

/** A cluster where topic moves already had leader.replication.throttled.replicas=0:9 and broker 3 a follower rate. */
function cluster(options: {down?: number[]; failUndo?: string[]} = {}) {
	const altered: ConfigResourceChange[][] = [];
	const configs = new Map<string, DescribedConfig[]>([
		[`${RESOURCE_TOPIC}:moves`, [{name: 'leader.replication.throttled.replicas', value: '0:9', source: 1, sensitive: false}, {name: 'follower.replication.throttled.replicas', value: '', source: 5, sensitive: false}]],
		[`${RESOURCE_BROKER}:3`, [{name: 'follower.replication.throttled.rate', value: '777', source: 2, sensitive: false}, {name: 'leader.replication.throttled.rate', value: '9223372036854775807', source: 5, sensitive: false}]],
	]);
	let undoing = false;
	const actions: ConfigActions = {
		async describeConfigs(resources) {
			for (const r of resources) if (r.type === RESOURCE_BROKER && options.down?.includes(Number(r.name))) throw new Error(`broker ${r.name} (127.0.0.1:1) is not reachable: connect ECONNREFUSED`);
			return new Map(resources.map((r) => [`${r.type}:${r.name}`, configs.get(`${r.type}:${r.name}`) ?? []]));
		},
		async alterConfigsEach(resources) {
			altered.push(resources);
			undoing ||= resources.some((r) => r.configs.some((c) => c.op === OP_DELETE || c.value === '0:9' || c.value === '777'));
			return resources.map((resource): ConfigOutcome => {
				const fails = undoing && options.failUndo?.includes(`${resource.type}:${resource.name}`);
				return {resource, applied: fails ? 'unknown' : 'yes', error: fails ? 'Request timed out' : null};
			});
		},
	};
	return {actions, altered};
}

test('a broker that cannot be reached midway: the topics and brokers already set are put back as they were', async () => {
	const {actions, altered} = cluster({down: [5]});
	await assert.rejects(setThrottles(actions, settings, replicas, [3, 4, 5], 1_000_000), (e: Error & {details: any}) => {
		assert.match(e.message, /^setting the throttles failed: broker 5: broker 5 \(127\.0\.0\.1:1\) is not reachable/);
		assert.match(e.message, /the throttles it had set were undone: topic moves \(leader\.replication\.throttled\.replicas back to 0:9, follower\.replication\.throttled\.replicas removed\); broker 3 \(leader\.replication\.throttled\.rate removed, follower\.replication\.throttled\.rate back to 777\); broker 4 \(.*removed.*removed\); nothing is left changed/);
		assert.equal(e.details.rollback.result, 'undone');
		return true;
	});
	// set: topics, broker 3, broker 4; then one undo of all three; broker 5 was never written
	assert.equal(altered.length, 4);
	assert.ok(altered.flat().every((r) => r.name !== '5'));
	const undo = altered[3]!;
	assert.deepEqual(undo.find((r) => r.name === 'moves')!.configs, [
		{name: 'leader.replication.throttled.replicas', op: OP_SET, value: '0:9'},
		{name: 'follower.replication.throttled.replicas', op: OP_DELETE, value: null},
	], 'a previous topic value is restored, not deleted; a default is not copied in');
	assert.deepEqual(undo.find((r) => r.name === '3')!.configs, [
		{name: 'leader.replication.throttled.rate', op: OP_DELETE, value: null},
		{name: 'follower.replication.throttled.rate', op: OP_SET, value: '777'},
	]);
});

test('when the undo fails too, the error and the audit details name what is left and the command that removes it', async () => {
	const {actions} = cluster({down: [5], failUndo: [`${RESOURCE_BROKER}:4`]});
	await assert.rejects(setThrottles(actions, settings, replicas, [3, 4, 5], 1_000_000), (e: Error & {details: any}) => {
		const command = 'kafka-configs.sh --bootstrap-server 127.0.0.1:9090,127.0.0.1:9091 --alter --entity-type brokers --entity-name 4 --delete-config leader.replication.throttled.rate,follower.replication.throttled.rate';
		assert.match(e.message, /undoing the throttles failed for broker 4 \(Request timed out\) \(undone: topic moves .*; broker 3 .*\); the throttles left behind there go with: /);
		assert.ok(e.message.endsWith(command), e.message);
		assert.equal(e.details.rollback.result, 'undo failed');
		assert.deepEqual(e.details.rollback.undoCommands, [command]);
		assert.deepEqual(e.details.rollback.leftBehind, [{resource: 'broker 4', error: 'Request timed out'}]);
		return true;
	});
});

test('a step the broker refused is not undone; nothing set means nothing to undo', async () => {
	const refused: ConfigActions = {
		describeConfigs: async (resources) => new Map(resources.map((r) => [`${r.type}:${r.name}`, []])),
		alterConfigsEach: async (resources) => resources.map((resource) => ({resource, applied: 'no', error: 'TOPIC_AUTHORIZATION_FAILED'})),
	};
	await assert.rejects(setThrottles(refused, settings, replicas, [3], 1), /topic moves: TOPIC_AUTHORIZATION_FAILED; no throttle had been set, nothing was changed/);
	const {actions, altered} = cluster();
	const set = await setThrottles(actions, settings, replicas, [3, 4], 5);
	assert.equal(altered.length, 3);
	assert.equal(set.undo.length, 3);
	assert.equal(
		undoCommand({...settings, sasl: {mechanism: 'plain', username: 'u', password: 'p'}}, set.undo[0]!),
		"kafka-configs.sh --bootstrap-server 127.0.0.1:9090,127.0.0.1:9091 --alter --entity-type topics --entity-name moves --add-config 'leader.replication.throttled.replicas=0:9' --delete-config follower.replication.throttled.replicas --command-config <client.properties>",
	);
});
