// Removing a reassignment's throttles once nothing moves any more (the console when its progress says
// so, `kcon reassign verify` at its end): only when no reassignment runs anywhere in the cluster, and
// never when the caller says why to keep them. Audited as part of reassign.verify.
import type {Settings} from '../config/settings.js';
import {ClusterActions} from '../kafka/actions/cluster-actions.js';
import type {ReassignmentPlan} from '../domain/reassign-plan.js';
import {guarded, type Via} from './guard.js';
import {clearThrottles, planTopics, snapshotOf} from './reassign-engine.js';
import type {ReassignReading} from './reassign-progress.js';

export interface ClearThrottlesChoice {
	plan: ReassignmentPlan;
	/** the reading the caller decided on; without one the ongoing reassignments are listed again */
	seen?: ReassignReading;
	/** why the throttles stay (read-only, --keep-throttle), or null */
	keep?: string | null;
	/** the plan file as the operator named it, and whether they wait (audited) */
	planFile?: string;
	wait?: boolean;
	via?: Via;
}

/** Resolves to what became of the throttles: "removed", or "kept (…)" with the reason. */
export async function clearReassignThrottles(settings: Settings, choice: ClearThrottlesChoice): Promise<string> {
	const {plan, seen} = choice;
	if (seen?.activeAnywhere) return seen.summary.outcome === 'moving' ? 'kept (reassignments still running)' : 'kept (other reassignments still run)';
	if (choice.keep) return `kept (${choice.keep})`;
	const args: Record<string, unknown> = choice.planFile !== undefined ? {plan: choice.planFile, ...(choice.wait ? {wait: true} : {})} : {topics: planTopics(plan)};
	const op = guarded(settings, 'reassign.verify', args, choice.via);
	const snapshot = seen?.snapshot ?? (await snapshotOf(settings, planTopics(plan)));
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		if (!seen && (await actions.listReassignments()).length > 0) return 'kept (other reassignments still run)';
		await clearThrottles(op, actions, plan, snapshot);
		return 'removed';
	} finally {
		await actions.close();
	}
}
