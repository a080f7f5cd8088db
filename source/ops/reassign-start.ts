// Starting a partition reassignment (R in the console, `kcon reassign execute`): the plan is checked
// against the cluster as it is now (any problem refuses, nothing changes), the current assignment is
// saved to roll back with, then the throttles and the moves, which a stop signal never cuts in half.
import type {Settings} from '../config/settings.js';
import type {ReassignmentPlan} from '../domain/reassign-plan.js';
import {uninterruptible} from '../stop.js';
import {guarded, record, type OpContext, type Via} from './guard.js';
import {checkPlan, planTopics, savePlan, startMoves, type CheckedPlan, type StartedMoves} from './reassign-engine.js';

export interface ReassignStartChoice {
	plan: ReassignmentPlan;
	/** bytes per second per broker while replicas move; null: no throttle */
	throttle: number | null;
	allowRfChange: boolean;
	/** the plan file as the operator named it (audited); without one the plan is saved under the state directory */
	planFile?: string;
	via?: Via;
}

export interface ReassignStartSteps {
	/** the checked plan and where its rollback was saved (the CLI prints both) */
	checked?(checked: CheckedPlan, rollbackFile: string): void;
	/** the last step before anything is sent; refuses (audited under `op`) when the operator says no */
	confirm?(op: OpContext): Promise<void>;
}

export interface ReassignStartResult extends StartedMoves {
	checked: CheckedPlan;
	rollbackFile: string;
	/** where the plan was saved, when it came without a file */
	planFile: string | null;
	/** every partition had the planned replicas already: nothing was sent */
	nothingToDo: boolean;
}

export async function startReassign(settings: Settings, choice: ReassignStartChoice, steps: ReassignStartSteps = {}): Promise<ReassignStartResult> {
	const {plan, throttle} = choice;
	const args: Record<string, unknown> =
		choice.planFile !== undefined
			? {plan: choice.planFile, partitions: plan.partitions.length, ...(throttle ? {throttle} : {}), allowRfChange: choice.allowRfChange}
			: {topics: planTopics(plan), partitions: plan.partitions.length, ...(throttle ? {throttle} : {})};
	const op = guarded(settings, 'reassign.execute', args, choice.via);
	const checked = await checkPlan(op, plan, {allowRfChange: choice.allowRfChange});
	const planFile = choice.planFile === undefined ? savePlan(plan, 'plan') : null;
	const rollbackFile = savePlan(checked.rollback, 'rollback');
	steps.checked?.(checked, rollbackFile);
	if (checked.moving.length === 0) {
		record(op, 'ok', 'nothing to do');
		return {checked, rollbackFile, planFile, nothingToDo: true, started: [], errors: []};
	}
	await steps.confirm?.(op);
	// throttles, the moves and, when a step fails, their undo: never cut in half by a signal
	const {started, errors} = await uninterruptible(() => startMoves(op, checked, throttle ?? undefined));
	return {checked, rollbackFile, planFile, nothingToDo: false, started, errors};
}
