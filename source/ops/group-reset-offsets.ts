// Resetting a consumer group's offsets (`kcon group reset-offsets`), as kafka-consumer-groups.sh
// --reset-offsets does: the partitions in scope (--topic T[:P,…], --all-topics = every partition the
// group committed, or those a --from-file plan names), a target per partition (domain/offset-reset.ts),
// clamped into [earliest, latest] where the Java tool clamps. A dry run only reads; --execute is
// refused in read-only mode first, then while the group has members (asked again right before the
// commit: a consumer may have joined while the operator confirmed), and commits the plan with one
// OffsetCommit to the group's coordinator (classic and KIP-848 groups alike), audited.
import {KconError, UsageError} from '../errors.js';
import type {Settings} from '../config/settings.js';
import {javaStringMapOrder, key, planReset, type PartitionOffsets, type PlannedOffset, type ResetTarget} from '../domain/offset-reset.js';
import {ClusterActions} from '../kafka/actions/cluster-actions.js';
import {GroupActions} from '../kafka/actions/group-actions.js';
import {audited, guarded, opContext, type OpContext, type Via} from './guard.js';
import {inspectGroup, refuseIfActive, requireTopics} from './group-inspect.js';

export type ResetScope = {all: true} | {topics: Array<{topic: string; partitions: number[] | null}>} | {fromFile: true};

export interface ResetChoice {
	groupId: string;
	scope: ResetScope;
	target: ResetTarget;
	execute: boolean;
	yes?: boolean;
	via?: Via;
}

export interface ResetSteps {
	/** the plan, before any confirmation (the CLI prints it) */
	preview?(plan: PlannedOffset[]): void;
	/** the last step before the commit; refuses (audited under `op`) when the operator says no */
	confirm?(op: OpContext, plan: PlannedOffset[]): Promise<void>;
}

export interface ResetResult {
	groupId: string;
	state: string;
	plan: PlannedOffset[];
	executed: boolean;
}

const WHAT = 'offsets can be reset';

function targetArgs(target: ResetTarget): Record<string, unknown> {
	switch (target.kind) {
		case 'offset':
			return {to: 'offset', offset: target.offset.toString()};
		case 'shift':
			return {to: 'shift', by: target.by.toString()};
		case 'timestamp':
			return {to: 'timestamp', at: new Date(target.at).toISOString()};
		case 'file':
			return {to: 'file', partitions: target.offsets.size};
		default:
			return {to: target.kind};
	}
}

export async function resetOffsets(settings: Settings, choice: ResetChoice, steps: ResetSteps = {}): Promise<ResetResult> {
	const {groupId, scope, target} = choice;
	if (groupId === '') throw new UsageError('the group id is empty');
	const args: Record<string, unknown> = {group: groupId, ...targetArgs(target), ...('all' in scope ? {allTopics: true} : 'topics' in scope ? {topics: scope.topics.map((t) => t.topic)} : {}), ...(choice.yes === undefined ? {} : {yes: choice.yes})};
	// a dry run only reads; only the execution is a write, refused in read-only mode before anything
	const op = choice.execute ? guarded(settings, 'group.reset-offsets', args, choice.via) : opContext(settings, 'group.reset-offsets', args, choice.via);

	const fileTopics = target.kind === 'file' ? [...new Set([...target.offsets.keys()].map((k) => k.slice(0, k.indexOf('\u0000'))))] : [];
	const named = 'topics' in scope ? [...new Set(scope.topics.map((t) => t.topic))] : 'fromFile' in scope ? fileTopics : undefined;
	const {group, snapshot} = await inspectGroup(settings, groupId, named);
	if (named) requireTopics(snapshot, named);
	refuseIfActive(choice.execute ? op : null, group, WHAT);

	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		const groups = new GroupActions(actions);
		// the partitions in scope, in the order the Java tool puts them into its plan: the
		// coordinator's order of the committed offsets, the named partitions, then the named topics'
		const wanted: Array<{topic: string; partition: number}> = [];
		if ('all' in scope) {
			wanted.push(...(await groups.committed(groupId)));
		} else if ('topics' in scope) {
			for (const t of scope.topics.filter((x) => x.partitions !== null)) for (const p of t.partitions!) wanted.push({topic: t.topic, partition: p});
			const whole = javaStringMapOrder([...new Set(scope.topics.filter((x) => x.partitions === null).map((x) => x.topic))]);
			for (const t of whole) for (const p of snapshot.topics.find((x) => x.name === t)!.partitions) wanted.push({topic: t, partition: p.partition});
		} else if (target.kind === 'file') {
			for (const k of target.offsets.keys()) {
				const at = k.indexOf('\u0000');
				wanted.push({topic: k.slice(0, at), partition: Number(k.slice(at + 1))});
			}
		}
		const seen = new Set<string>();
		const committed = new Map(group.offsets.filter((o) => o.committed !== null).map((o) => [key(o.topic, o.partition), o.committed!]));
		const partitions: Array<PartitionOffsets & {leader: number}> = [];
		for (const w of wanted) {
			const k = key(w.topic, w.partition);
			if (seen.has(k)) continue;
			seen.add(k);
			const topic = snapshot.topics.find((t) => t.name === w.topic);
			const p = topic?.partitions.find((x) => x.partition === w.partition);
			if (!topic) throw new KconError(`topic '${w.topic}' of the group's offsets is not in the cluster's metadata`);
			if (!p) throw new UsageError(`partition ${w.topic}-${w.partition} does not exist (topic has ${topic.partitions.length} partitions)`);
			if (p.leader === null || p.earliestOffset === null || p.latestOffset === null) {
				throw new KconError(`the offsets of ${w.topic}-${w.partition} are unknown (no reachable leader); nothing was changed`);
			}
			partitions.push({topic: w.topic, partition: w.partition, earliest: p.earliestOffset, latest: p.latestOffset, committed: committed.get(k) ?? null, leader: p.leader});
		}
		if (target.kind === 'timestamp' && partitions.length > 0) {
			const at = await groups.offsetsAt(partitions, target.at);
			for (const p of partitions) p.atTimestamp = at.get(key(p.topic, p.partition)) ?? null;
		}
		const plan = planReset(target, partitions);
		steps.preview?.(plan);
		if (!choice.execute || plan.length === 0) return {groupId, state: group.state, plan, executed: false};

		await steps.confirm?.(op, plan);
		// a consumer may have joined while the operator read the plan: ask again, right before the commit
		const again = await inspectGroup(settings, groupId, []);
		refuseIfActive(op, again.group, WHAT);
		await audited(
			op,
			async () => {
				const results = await groups.commitOffsets(groupId, plan.map((p) => ({topic: p.topic, partition: p.partition, offset: p.offset})));
				const failed = results.filter((r) => r.error);
				if (failed.length) {
					throw new KconError(`OffsetCommit refused for ${failed.map((f) => `${f.topic}-${f.partition} (${f.error})`).join(', ')}`);
				}
				return results;
			},
			(r) => `${r.length} partition(s) committed`,
		);
		return {groupId, state: group.state, plan, executed: true};
	} finally {
		await actions.close();
	}
}
