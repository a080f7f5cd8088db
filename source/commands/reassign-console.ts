// The console's `R`: the same guarded, audited steps as `kcon reassign execute` and `verify`, with
// the plan generated in the console. Read-only settings refuse before anything is read.
import type {Settings} from '../config/settings.js';
import type {ClusterSnapshot} from '../domain/cluster.js';
import {ClusterActions} from '../kafka/actions/cluster-actions.js';
import type {ReassignmentPlan} from '../domain/reassign-plan.js';
import {planSummary} from '../domain/reassign-progress.js';
import {consoleAction, record} from './action-support.js';
import {cancelMoves, checkPlan, clearThrottles, measureProgress, movesOf, planTopics, savePlan, snapshotOf, startMoves} from './reassign-engine.js';
import {uninterruptible} from '../stop.js';

export function consoleReassign(settings: Settings) {
	return {
		async start(plan: ReassignmentPlan, throttle: number | null): Promise<{text: string; planFile: string}> {
			const action = consoleAction(settings, 'reassign.execute', {topics: planTopics(plan), partitions: plan.partitions.length, ...(throttle ? {throttle} : {})});
			const checked = await checkPlan(action, plan, {allowRfChange: false});
			const planFile = savePlan(plan, 'plan');
			if (checked.moving.length === 0) {
				record(action, 'ok', 'nothing to do');
				return {text: 'nothing to do: every partition already has the planned replicas', planFile};
			}
			const rollbackFile = savePlan(checked.rollback, 'rollback');
			// a stop signal (the console ends on one) waits for the throttles, the moves and their undo
			const {started, errors} = await uninterruptible(() => startMoves(action, checked, throttle ?? undefined));
			const failed = errors.length ? `; ${errors.length} failed: ${errors.map((e) => `${e.topic}-${e.partition} ${e.error}`).join(', ')}` : '';
			return {text: `started ${started.length} move(s)${throttle ? ` at ${throttle} B/s` : ''}${failed} · rollback: ${rollbackFile}`, planFile};
		},

		/** reads only: what the plan's partitions are now */
		progress: (plan: ReassignmentPlan) =>
			onPlan(settings, plan, async (actions, snapshot) => {
				const measured = await measureProgress(actions, plan, snapshot);
				return {partitions: measured.partitions, outcome: planSummary(measured.partitions).outcome, activeAnywhere: measured.activeAnywhere};
			}),

		/** the write step once nothing of the plan moves: removes the throttles unless other moves still run */
		finish(plan: ReassignmentPlan): Promise<string> {
			const action = consoleAction(settings, 'reassign.verify', {topics: planTopics(plan)});
			return onPlan(settings, plan, async (actions, snapshot) => {
				if ((await actions.listReassignments()).length > 0) return 'kept (other reassignments still run)';
				await clearThrottles(action, actions, plan, snapshot);
				return 'removed';
			});
		},

		cancel(plan: ReassignmentPlan): Promise<string> {
			const action = consoleAction(settings, 'reassign.cancel', {topics: planTopics(plan)});
			return onPlan(settings, plan, async (actions, snapshot) => {
				const targets = movesOf(plan, await actions.listReassignments());
				if (targets.length === 0) return 'nothing to cancel: no partition of the plan is moving any more';
				const {errors, throttles} = await cancelMoves(action, actions, targets, snapshot, false);
				const failed = errors.length ? `; ${errors.length} failed: ${errors.map((e) => `${e.topic}-${e.partition} ${e.error}`).join(', ')}` : '';
				return `cancelled ${targets.length - errors.length} move(s)${failed}; throttles: ${throttles}`;
			});
		},
	};
}

/** A fresh snapshot of the plan's topics and a ClusterActions on its brokers, closed afterwards. */
async function onPlan<T>(settings: Settings, plan: ReassignmentPlan, fn: (actions: ClusterActions, snapshot: ClusterSnapshot) => Promise<T>): Promise<T> {
	const snapshot = await snapshotOf(settings, planTopics(plan));
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		return await fn(actions, snapshot);
	} finally {
		await actions.close();
	}
}
