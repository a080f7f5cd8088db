// Deleting a consumer group with its committed offsets (`kcon group delete`): refused in read-only
// mode, for a group that does not exist, and while it has members (as the coordinator would refuse
// it: NON_EMPTY_GROUP); then DeleteGroups at its coordinator, audited.
import {KconError, UsageError} from '../errors.js';
import type {Settings} from '../config/settings.js';
import {ClusterActions} from '../kafka/actions/cluster-actions.js';
import {GroupActions} from '../kafka/actions/group-actions.js';
import {audited, guarded, type OpContext, type Via} from './guard.js';
import {inspectGroup, refuseIfActive} from './group-inspect.js';

export interface DeleteGroupChoice {
	groupId: string;
	yes?: boolean;
	via?: Via;
}

export interface DeleteGroupSteps {
	/** the last step before anything is sent, told how many committed offsets go with the group */
	confirm?(op: OpContext, committedPartitions: number): Promise<void>;
}

export async function deleteGroup(settings: Settings, choice: DeleteGroupChoice, steps: DeleteGroupSteps = {}): Promise<{committedPartitions: number}> {
	const {groupId} = choice;
	if (groupId === '') throw new UsageError('the group id is empty');
	const op = guarded(settings, 'group.delete', {group: groupId, ...(choice.yes === undefined ? {} : {yes: choice.yes})}, choice.via);
	const {group, snapshot} = await inspectGroup(settings, groupId, []);
	if (group.state === 'Dead') throw new UsageError(`group '${groupId}' does not exist`);
	refuseIfActive(op, group, 'a group can be deleted');
	const committedPartitions = group.offsets.filter((o) => o.committed !== null).length;
	await steps.confirm?.(op, committedPartitions);
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		await audited(
			op,
			async () => {
				const result = await new GroupActions(actions).deleteGroup(groupId);
				if (result.error) throw new KconError(`group '${groupId}' could not be deleted: ${result.error}`);
			},
			() => `deleted with ${committedPartitions} committed offset(s)`,
		);
	} finally {
		await actions.close();
	}
	return {committedPartitions};
}
