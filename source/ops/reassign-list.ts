// The reassignments in progress anywhere in the cluster (`kcon reassign list`): reads only.
import type {Settings} from '../config/settings.js';
import {ClusterActions, type OngoingReassignment} from '../kafka/actions/cluster-actions.js';

export async function listReassignments(settings: Settings): Promise<OngoingReassignment[]> {
	const actions = new ClusterActions(settings);
	try {
		return await actions.listReassignments();
	} finally {
		await actions.close();
	}
}
