// The operator actions the console can run, handed to it by whoever starts it (commands/console.ts
// binds them to the settings; tests hand in fakes) through one React context. None in read-only
// mode: the action keys are then unbound and their views say the action is not available.
import React, {createContext, useContext, type ReactNode} from 'react';
import type {ClusterSnapshot} from '../domain/cluster.js';
import type {KillImpact} from '../domain/impact.js';
import type {ReassignmentPlan} from '../domain/reassign-plan.js';
import type {PartitionProgress} from '../domain/reassign-progress.js';
import type {KillChoice} from '../ops/broker-kill.js';
import type {PlannedOffset, ResetTarget} from '../domain/offset-reset.js';
import type {ConfigValue} from '../ops/config-describe.js';
import type {AlterPlan} from '../ops/config-alter.js';
import type {AddPartitionsPlan} from '../ops/topic-add-partitions.js';
import type {CreatePlan} from '../ops/topic-create.js';

/** Each resolves to the line the console flashes, or rejects with the refusal or failure. */
export interface Operations {
	/** ops/broker-kill.ts, with the snapshot the operator saw and the impact they confirmed */
	killBroker(choice: Pick<KillChoice, 'id' | 'signal' | 'force'>, seen: {snapshot: ClusterSnapshot; impact: KillImpact}): Promise<string>;
	/** ops/broker-start.ts */
	startBroker(id: number): Promise<string>;
	/** ops/elect-leaders.ts for every partition of `topic` */
	electLeaders(topic: string): Promise<string>;
	reassign: ReassignOperations;
	groups: GroupOperations;
	configs: ConfigOperations;
	topics: TopicOperations;
}

/** A new topic as the console's form gives it. */
export interface NewTopicForm {
	topic: string;
	partitions: number;
	replicationFactor: number;
	configs: Array<{name: string; value: string}>;
}

export interface TopicOperations {
	/** ops/topic-create.ts up to the broker's validateOnly check: the plan, nothing is created */
	previewCreate(topic: NewTopicForm): Promise<CreatePlan>;
	/** ops/topic-create.ts: the topic itself */
	create(topic: NewTopicForm): Promise<string>;
	/** ops/topic-delete.ts: refused for an internal topic */
	delete(topic: string): Promise<string>;
	/** ops/topic-add-partitions.ts up to the controller's validateOnly check: the plan and its warning, nothing changes */
	previewAddPartitions(topic: string, total: number): Promise<AddPartitionsPlan>;
	/** ops/topic-add-partitions.ts: the increase itself */
	addPartitions(topic: string, total: number): Promise<string>;
	/** ops/produce.ts: one record (acks all); resolves to where it was written */
	produce(topic: string, record: {key: string | null; value: string; partition: number | null}): Promise<string>;
}

export interface GroupOperations {
	/** ops/group-reset-offsets.ts as a dry run over every partition the group committed: reads only; rejects with the reason while the group has members */
	previewReset(groupId: string, target: ResetTarget): Promise<PlannedOffset[]>;
	/** the same executed: refused (audited) while the group has members, else one OffsetCommit */
	resetOffsets(groupId: string, target: ResetTarget): Promise<string>;
}

/** One topic config change: set a value, or delete the override (the value falls back to the next source). */
export type ConfigChange = {name: string; op: 'set'; value: string} | {name: string; op: 'delete'};

export interface ConfigOperations {
	/** ops/config-describe.ts: every config of the topic with its source */
	describe(topic: string): Promise<ConfigValue[]>;
	/** ops/config-alter.ts up to the broker's validateOnly check: the plan, nothing changes */
	preview(topic: string, change: ConfigChange): Promise<AlterPlan>;
	/** ops/config-alter.ts: the change itself, audited */
	alter(topic: string, change: ConfigChange): Promise<string>;
}

export interface ReassignOperations {
	/** ops/reassign-start.ts: checks against the cluster as it is now, saves plan and rollback, sets throttles, starts */
	start(plan: ReassignmentPlan, throttle: number | null): Promise<{text: string; planFile: string}>;
	/** ops/reassign-progress.ts: reads only */
	progress(plan: ReassignmentPlan): Promise<{partitions: PartitionProgress[]}>;
	/** ops/reassign-clear-throttles.ts, once the progress says nothing of the plan moves: resolves to what became of them */
	clearThrottles(plan: ReassignmentPlan): Promise<string>;
	/** ops/reassign-cancel.ts: the plan's moves still running (the way back) */
	cancel(plan: ReassignmentPlan): Promise<string>;
}

const OperationsContext = createContext<Operations | null>(null);

export function OperationsProvider({operations, children}: {operations: Operations | null; children?: ReactNode}) {
	return <OperationsContext.Provider value={operations}>{children}</OperationsContext.Provider>;
}

/** The console's operations, or null (read-only, or none were given). */
export function useOperations(): Operations | null {
	return useContext(OperationsContext);
}
