// How far a reassignment is (the console's live progress, `kcon reassign verify`): reads only, never
// writes. Removing the throttles afterwards is its own action (reassign-clear-throttles.ts), which
// the caller invokes when it decides the reading says so.
import type {Settings} from '../config/settings.js';
import {ClusterActions} from '../kafka/actions/cluster-actions.js';
import type {ReassignmentPlan} from '../domain/reassign-plan.js';
import {planSummary, type PlanSummary} from '../domain/reassign-progress.js';
import {measureProgress, planTopics, snapshotOf, type MeasuredProgress} from './reassign-engine.js';

export interface ReassignReading extends MeasuredProgress {
	summary: PlanSummary;
}

export async function reassignProgress(settings: Settings, plan: ReassignmentPlan): Promise<ReassignReading> {
	const snapshot = await snapshotOf(settings, planTopics(plan));
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		const measured = await measureProgress(actions, plan, snapshot);
		return {...measured, summary: planSummary(measured.partitions)};
	} finally {
		await actions.close();
	}
}
