// The console's operator actions bound to its settings: each calls the one action of ops/ (the same
// checks, refusals and audit records as the CLI's, marked via: console) and words its outcome as the
// line the console flashes. None in read-only mode: the console then offers no action at all.
import type {Settings} from '../config/settings.js';
import {killBroker} from '../ops/broker-kill.js';
import {startBroker} from '../ops/broker-start.js';
import {electLeaders} from '../ops/elect-leaders.js';
import {startReassign} from '../ops/reassign-start.js';
import {reassignProgress} from '../ops/reassign-progress.js';
import {clearReassignThrottles} from '../ops/reassign-clear-throttles.js';
import {cancelReassign} from '../ops/reassign-cancel.js';
import {resetOffsets} from '../ops/group-reset-offsets.js';
import {describeConfigs} from '../ops/config-describe.js';
import {alterConfigs} from '../ops/config-alter.js';
import {deleteTopic} from '../ops/topic-delete.js';
import {createTopic} from '../ops/topic-create.js';
import {addPartitions} from '../ops/topic-add-partitions.js';
import {produce} from '../ops/produce.js';
import type {ConfigChange, Operations} from '../ui/operations.js';

export function consoleOperations(settings: Settings): Operations | null {
	if (settings.readOnly) return null;
	const via = 'console' as const;
	return {
		async killBroker(choice, seen) {
			const r = await killBroker(settings, {...choice, via}, seen);
			return r.pid !== undefined ? `broker ${r.id} stopped (pid ${r.pid}, SIG${r.signal})` : `broker ${r.id} stopped (${r.argv!.join(' ')})${lastLine(r.output)}`;
		},
		async startBroker(id) {
			const r = await startBroker(settings, {id, via});
			return r.pid !== undefined ? `broker ${id} started (pid ${r.pid})` : `broker ${id} started (${r.argv!.join(' ')})${lastLine(r.output)}`;
		},
		async electLeaders(topic) {
			return (await electLeaders(settings, {topic, via})).summary.text;
		},
		reassign: {
			async start(plan, throttle) {
				const r = await startReassign(settings, {plan, throttle, allowRfChange: false, via});
				const planFile = r.planFile!;
				if (r.nothingToDo) return {text: 'nothing to do: every partition already has the planned replicas', planFile};
				const failed = r.errors.length ? `; ${r.errors.length} failed: ${r.errors.map((e) => `${e.topic}-${e.partition} ${e.error}`).join(', ')}` : '';
				return {text: `started ${r.started.length} move(s)${throttle ? ` at ${throttle} B/s` : ''}${failed} · rollback: ${r.rollbackFile}`, planFile};
			},
			progress: (plan) => reassignProgress(settings, plan),
			clearThrottles: (plan) => clearReassignThrottles(settings, {plan, via}),
			async cancel(plan) {
				const {targets, errors, throttles} = await cancelReassign(settings, {plan, keepThrottle: false, via});
				if (targets.length === 0) return 'nothing to cancel: no partition of the plan is moving any more';
				const failed = errors.length ? `; ${errors.length} failed: ${errors.map((e) => `${e.topic}-${e.partition} ${e.error}`).join(', ')}` : '';
				return `cancelled ${targets.length - errors.length} move(s)${failed}; throttles: ${throttles}`;
			},
		},
		groups: {
			previewReset: async (groupId, target) => (await resetOffsets(settings, {groupId, scope: {all: true}, target, execute: false, via})).plan,
			async resetOffsets(groupId, target) {
				const r = await resetOffsets(settings, {groupId, scope: {all: true}, target, execute: true, yes: true, via});
				if (!r.executed) return `nothing to reset: group ${groupId} has no committed offsets`;
				return `group ${groupId}: ${r.plan.length} partition offset(s) committed`;
			},
		},
		topics: {
			previewCreate: (t) => createTopic(settings, {...t, dryRun: true, via}),
			async create(t) {
				const plan = await createTopic(settings, {...t, via});
				return `created topic ${plan.topic}: ${plan.partitions} partition(s), replication factor ${plan.replicationFactor}`;
			},
			async delete(topic) {
				const plan = await deleteTopic(settings, {topic, yes: true, via});
				return `deleted topic ${topic} (${plan.partitions} partition(s))`;
			},
			previewAddPartitions: (topic, total) => addPartitions(settings, {topic, partitions: total, yes: true, dryRun: true, via}),
			async addPartitions(topic, total) {
				const plan = await addPartitions(settings, {topic, partitions: total, yes: true, via});
				return `topic ${topic}: ${plan.from} → ${plan.to} partitions`;
			},
			async produce(topic, record) {
				const text = (s: string) => Buffer.from(s, 'utf8');
				const [written] = await produce(settings, {
					topic,
					records: [{key: record.key === null ? null : text(record.key), value: text(record.value), headers: [], partition: record.partition}],
					acks: -1,
					compression: 'none',
					via,
				});
				return written ? `written to ${topic} partition ${written.partition} at offset ${written.offset ?? '?'}` : 'nothing was written';
			},
		},
		configs: {
			describe: async (topic) => (await describeConfigs(settings, {kind: 'topic', name: topic}, true)).configs,
			preview: (topic, change) => alterConfigs(settings, {...alterOf(change), target: {kind: 'topic', name: topic}, yes: true, dryRun: true, via}),
			async alter(topic, change) {
				const plan = await alterConfigs(settings, {...alterOf(change), target: {kind: 'topic', name: topic}, yes: true, via});
				const what = change.op === 'set' ? `set ${change.name}` : `deleted the override of ${change.name}`;
				return `topic ${topic}: ${what}${plan.applied === false ? ' (not yet shown by the broker that answered)' : ''}`;
			},
		},
	};
}

function alterOf(change: ConfigChange): {set: Array<{name: string; value: string}>; delete: string[]} {
	return change.op === 'set' ? {set: [{name: change.name, value: change.value}], delete: []} : {set: [], delete: [change.name]};
}

/** The last line a brokerCommands tool printed, as ": line" ('' when it printed nothing). */
function lastLine(output: string): string {
	const line = output.trim().split('\n').pop()?.trim();
	return line ? `: ${line}` : '';
}
