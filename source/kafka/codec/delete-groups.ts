// DeleteGroups v2 (API key 42, flexible): deletes groups with their committed offsets. The
// coordinator refuses a group that still has members (NON_EMPTY_GROUP) and one it does not know
// (GROUP_ID_NOT_FOUND), each as that group's error code.
import {errorName} from './error-names.js';
import {wire, type WireRequest} from './request.js';

/** Deletes groups: a write (connection/write-guard.ts KCON_WRITE_APIS). */
export const DELETE_GROUPS_API_KEY = 42;

export interface DeletedGroup {
	groupId: string;
	errorCode: number;
	error: string | null;
}

export function deleteGroupsRequest(groupIds: string[]): WireRequest<DeletedGroup[]> {
	return wire(
		DELETE_GROUPS_API_KEY,
		'DeleteGroups',
		2,
		true,
		(w) => {
			w.compactArray(groupIds, (w, id) => w.compactString(id));
			w.tags();
		},
		(r) => {
			r.int32(); // throttle time
			const groups = r.compactArray((r) => {
				const groupId = r.compactString() ?? '';
				const errorCode = r.int16();
				r.tags();
				return {groupId, errorCode, error: errorCode === 0 ? null : errorName(errorCode)};
			});
			r.tags();
			return groups;
		},
	);
}
