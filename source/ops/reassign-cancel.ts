// Cancelling reassignments (c in the console's R flow, `kcon reassign cancel`): the moves still running
// of a plan (or every one) get null target replicas; the throttles go once nothing moves anywhere,
// unless kept. Audited; nothing is sent when nothing of the plan moves.
import type {Settings} from '../config/settings.js';
import {ClusterActions, type OngoingReassignment} from '../kafka/actions/cluster-actions.js';
import type {ReassignmentPlan} from '../domain/reassign-plan.js';
import {guarded, type OpContext, type Via} from './guard.js';
import {cancelMoves, movesOf, planTopics, snapshotOf} from './reassign-engine.js';

export interface ReassignCancelChoice {
	/** the plan whose moves to cancel; null: every reassignment in the cluster */
	plan: ReassignmentPlan | null;
	keepThrottle: boolean;
	/** the plan file as the operator named it (audited) */
	planFile?: string;
	via?: Via;
}

export interface ReassignCancelSteps {
	/** the moves that would be cancelled (the CLI prints them) */
	found?(targets: OngoingReassignment[]): void;
	/** the last step before anything is sent; refuses (audited under `op`) when the operator says no */
	confirm?(op: OpContext): Promise<void>;
}

export interface ReassignCancelResult {
	/** empty: nothing of the plan was moving, nothing was sent */
	targets: OngoingReassignment[];
	errors: Awaited<ReturnType<ClusterActions['alterReassignments']>>;
	/** what became of the throttles */
	throttles: string;
}

export async function cancelReassign(settings: Settings, choice: ReassignCancelChoice, steps: ReassignCancelSteps = {}): Promise<ReassignCancelResult> {
	const {plan} = choice;
	const args: Record<string, unknown> = choice.planFile !== undefined ? {plan: choice.planFile} : plan ? {topics: planTopics(plan)} : {all: true};
	const op = guarded(settings, 'reassign.cancel', args, choice.via);
	const snapshot = await snapshotOf(settings);
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		const targets = movesOf(plan, await actions.listReassignments());
		if (targets.length === 0) return {targets, errors: [], throttles: 'unchanged'};
		steps.found?.(targets);
		await steps.confirm?.(op);
		const {errors, throttles} = await cancelMoves(op, actions, targets, snapshot, choice.keepThrottle);
		return {targets, errors, throttles};
	} finally {
		await actions.close();
	}
}
