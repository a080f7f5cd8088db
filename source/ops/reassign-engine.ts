// The guarded steps of a partition reassignment, under the reassign actions (reassign-*.ts):
// validate a plan against a fresh snapshot (nothing changes on any problem), set the throttles
// (IncrementalAlterConfigs: only the throttle keys are touched), start the moves, measure progress
// (ListPartitionReassignments + DescribeLogDirs twice, a second apart) and remove the throttles
// once no reassignment runs anywhere in the cluster.
import fs from 'node:fs';
import path from 'node:path';
import {KconError} from '../errors.js';
import {stateDir} from '../config/paths.js';
import {readSnapshot} from './cluster-snapshot.js';
import {ClusterActions, OP_DELETE, RESOURCE_BROKER, RESOURCE_TOPIC, type ConfigResourceChange, type OngoingReassignment} from '../kafka/actions/cluster-actions.js';
import type {ClusterSnapshot} from '../domain/cluster.js';
import type {Settings} from '../config/settings.js';
import {formatPlan, planDiff, planProblems, rollbackPlan, throttledReplicas, type ReassignmentPlan} from '../domain/reassign-plan.js';
import {reassignProgress, settledProgress, type PartitionProgress} from '../domain/reassign-progress.js';
import {audited, record, type OpContext} from './guard.js';
import {failure, setThrottles, THROTTLE_BROKER_KEYS, THROTTLE_TOPIC_KEYS, type ThrottlesSet} from './reassign-throttles.js';


export type PartitionMove = ReturnType<typeof planDiff>[number];

export interface CheckedPlan {
	plan: ReassignmentPlan;
	snapshot: ClusterSnapshot;
	/** the partitions whose replicas change */
	moving: PartitionMove[];
	/** the current assignment of the plan's partitions */
	rollback: ReassignmentPlan;
}

export interface StartedMoves {
	started: PartitionMove[];
	errors: Awaited<ReturnType<ClusterActions['alterReassignments']>>;
}

export const planTopics = (plan: ReassignmentPlan) => [...new Set(plan.partitions.map((e) => e.topic))];

export async function snapshotOf(settings: Settings, topics?: string[]): Promise<ClusterSnapshot> {
	return readSnapshot(settings, {offsets: false, groups: false, configs: false, reassignments: true, ...(topics ? {topics} : {})});
}

/** Validates every entry against the cluster as it is now; any problem is audited and refused (exit 2). */
export async function checkPlan(action: OpContext, plan: ReassignmentPlan, options: {allowRfChange: boolean}): Promise<CheckedPlan> {
	const snapshot = await snapshotOf(action.settings);
	const problems = planProblems(plan, snapshot.topics, snapshot.brokers, options);
	const diff = planDiff(plan, snapshot.topics);
	for (const d of diff) {
		const p = snapshot.topics.find((t) => t.name === d.topic)?.partitions.find((x) => x.partition === d.partition);
		if (p && (p.addingReplicas.length > 0 || p.removingReplicas.length > 0)) {
			problems.push(`${d.topic}-${d.partition} is already being reassigned (see kcon reassign list; cancel first)`);
		}
	}
	if (problems.length) {
		record(action, 'refused', problems.join('; '));
		throw new KconError(`the plan cannot be executed, nothing was changed: ${problems.join('; ')}`, 2, 'invalid-plan');
	}
	return {plan, snapshot, moving: diff.filter((d) => d.changes), rollback: rollbackPlan(plan, snapshot.topics)};
}

/** Writes a plan under the state directory (reassign/<kind>-<time>.json) and returns its path. */
export function savePlan(plan: ReassignmentPlan, kind: 'rollback' | 'plan'): string {
	const dir = path.join(stateDir(), 'reassign');
	fs.mkdirSync(dir, {recursive: true});
	const file = path.join(dir, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	fs.writeFileSync(file, formatPlan(plan) + '\n');
	return file;
}

/**
 * Sets the throttles (when asked) and starts the moves; audited. When no move starts, the throttles
 * it set are put back (or the error says what is left and how to undo it) and it throws.
 */
export async function startMoves(action: OpContext, checked: CheckedPlan, throttle: number | undefined): Promise<StartedMoves> {
	const {plan, snapshot, moving} = checked;
	const actions = new ClusterActions(action.settings, {brokers: snapshot.brokers});
	try {
		const errors = await audited(
			action,
			async () => {
				const throttleBrokers = [...new Set(moving.flatMap((d) => [...d.from, ...d.to]))].sort((x, y) => x - y);
				const set: ThrottlesSet = throttle
					? await setThrottles(actions, action.settings, [...throttledReplicas(plan, snapshot.topics)], throttleBrokers, throttle)
					: {undo: []};
				const undoAfter = async (cause: string) => {
					throw throttle ? await failure(cause, actions, action.settings, set) : new KconError(cause);
				};
				let errors: StartedMoves['errors'];
				try {
					errors = await actions.alterReassignments(moving.map((d) => ({topic: d.topic, partition: d.partition, replicas: d.to})));
				} catch (error) {
					const cause = error instanceof Error ? error.message : String(error);
					// the request may have reached the controller before it failed: moves that run keep their throttles
					const running = movesOf(plan, await actions.listReassignments().catch(() => []));
					if (running.length) throw new KconError(`${cause}; yet ${running.length} partition(s) of the plan are being reassigned, so the throttles stay: follow with kcon reassign verify, or kcon reassign cancel`);
					return undoAfter(`no reassignment started: ${cause}`);
				}
				if (errors.length === moving.length) {
					return undoAfter(`no reassignment started: ${errors.map((e) => `${e.topic}-${e.partition}: ${e.error}${e.message ? ` (${e.message})` : ''}`).join('; ')}`);
				}
				return errors;
			},
			(errors) => `started ${moving.length - errors.length} of ${moving.length}${errors.length ? `; failed: ${errors.map((e) => `${e.topic}-${e.partition} ${e.error}`).join(', ')}` : ''}`,
		);
		const started = moving.filter((d) => !errors.some((e) => e.topic === d.topic && e.partition === d.partition));
		return {started, errors};
	} finally {
		await actions.close();
	}
}

export async function removeThrottles(actions: ClusterActions, topics: string[], brokers: number[]): Promise<void> {
	const changes: ConfigResourceChange[] = [
		...topics.map((name) => ({type: RESOURCE_TOPIC, name, configs: THROTTLE_TOPIC_KEYS.map((k) => ({name: k, op: OP_DELETE, value: null}))})),
		...brokers.map((b) => ({type: RESOURCE_BROKER, name: String(b), configs: THROTTLE_BROKER_KEYS.map((k) => ({name: k, op: OP_DELETE, value: null}))})),
	];
	await actions.alterConfigs(changes);
}

/** The reassignments in progress for the partitions of `plan` (every one when plan is null). */
export function movesOf(plan: ReassignmentPlan | null, ongoing: OngoingReassignment[]): OngoingReassignment[] {
	const wanted = plan ? new Set(plan.partitions.map((e) => `${e.topic}\u0000${e.partition}`)) : null;
	return ongoing.filter((o) => !wanted || wanted.has(`${o.topic}\u0000${o.partition}`));
}

/** Cancels (null target replicas, audited); removes the throttles once nothing moves anywhere, unless kept. */
export async function cancelMoves(action: OpContext, actions: ClusterActions, targets: OngoingReassignment[], snapshot: ClusterSnapshot, keepThrottle: boolean) {
	const errors = await audited(
		action,
		() => actions.alterReassignments(targets.map((o) => ({topic: o.topic, partition: o.partition, replicas: null}))),
		(e) => `cancelled ${targets.length - e.length} of ${targets.length}`,
	);
	let throttles = 'kept (reassignments still running)';
	if (keepThrottle) throttles = 'kept (--keep-throttle)';
	else if ((await actions.listReassignments()).length === 0) {
		await removeThrottles(actions, [...new Set(targets.map((o) => o.topic))], snapshot.brokers.filter((b) => b.reachable).map((b) => b.id));
		throttles = 'removed';
	}
	return {errors, throttles};
}

export interface MeasuredProgress {
	partitions: PartitionProgress[];
	/** a reassignment runs somewhere in the cluster (not only in this plan) */
	activeAnywhere: boolean;
	snapshot: ClusterSnapshot;
}

/**
 * Progress of every partition of the plan (reads only, never writes); bytes from two DescribeLogDirs
 * samples a second apart. A reading where nothing of the plan moves but some partition differs is
 * taken again from a fresh connection (a fresh Metadata and ListPartitionReassignments) a few times
 * before it counts: a broker's metadata may not have caught up with the controller yet.
 */
export async function measureProgress(
	actions: ClusterActions,
	plan: ReassignmentPlan,
	snapshot: ClusterSnapshot,
	options: {freshReads?: number; delayMs?: number} = {},
): Promise<MeasuredProgress> {
	let current = snapshot;
	let ongoing: OngoingReassignment[] = [];
	const {partitions} = await settledProgress(async (attempt) => {
		if (attempt > 0) current = await snapshotOf(actions.settings, planTopics(plan));
		ongoing = await actions.listReassignments();
		if (attempt > 0) return reassignProgress(plan, current.topics, ongoing, new Map(), new Map(), 0);
		const first = await sampleSizes(actions, plan, current, ongoing);
		let second = first;
		let seconds = 0;
		if (ongoing.length && first.size) {
			await new Promise((r) => setTimeout(r, 1000));
			second = await sampleSizes(actions, plan, current, ongoing);
			seconds = 1;
		}
		return reassignProgress(plan, current.topics, ongoing, first, second, seconds);
	}, options);
	return {partitions, activeAnywhere: ongoing.length > 0, snapshot: current};
}

/** Removes the plan's throttles from every reachable broker; audited under `action`. */
export async function clearThrottles(action: OpContext, actions: ClusterActions, plan: ReassignmentPlan, snapshot: ClusterSnapshot): Promise<void> {
	const brokers = snapshot.brokers.filter((b) => b.reachable).map((b) => b.id);
	await audited(
		{...action, args: {...action.args, removeThrottles: true}},
		() => removeThrottles(actions, planTopics(plan), brokers),
		() => `throttles removed from ${planTopics(plan).length} topic(s) and ${brokers.length} broker(s)`,
	);
}

/** key "topic\0partition\0broker" → replica size, from DescribeLogDirs on the leader and the adding brokers. */
async function sampleSizes(actions: ClusterActions, plan: ReassignmentPlan, snapshot: ClusterSnapshot, ongoing: OngoingReassignment[]): Promise<Map<string, bigint>> {
	const sizes = new Map<string, bigint>();
	const inPlan = new Set(plan.partitions.map((e) => `${e.topic}\u0000${e.partition}`));
	const moving = ongoing.filter((o) => inPlan.has(`${o.topic}\u0000${o.partition}`));
	const brokers = new Set<number>();
	for (const o of moving) {
		for (const b of o.addingReplicas) brokers.add(b);
		const leader = snapshot.topics.find((t) => t.name === o.topic)?.partitions.find((p) => p.partition === o.partition)?.leader;
		if (leader !== null && leader !== undefined) brokers.add(leader);
	}
	const topics = [...new Set(moving.map((o) => o.topic))].map((topic) => ({topic, partitions: moving.filter((o) => o.topic === topic).map((o) => o.partition)}));
	await Promise.all(
		[...brokers].map(async (b) => {
			try {
				for (const r of await actions.logDirs(b, topics)) {
					if (r.isFuture) continue;
					const k = `${r.topic}\u0000${r.partition}\u0000${b}`;
					sizes.set(k, (sizes.get(k) ?? 0n) + r.size);
				}
			} catch {
				// DescribeLogDirs did not answer for this broker: progress in bytes stays unknown
			}
		}),
	);
	return sizes;
}
