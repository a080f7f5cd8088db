// ListGroups v0–v5: v0–v2 classic, v3+ flexible; v4 adds each group's state, v5 its type
// (`classic` or `consumer` for KIP-848 groups, also `share`/`streams`), which decides how the
// gateway describes it. kcon sends no state or type filter, so every version lists the same groups.
import type {Reader} from './primitives.js';
import {ApiKey, wire, type WireRequest} from './request.js';

export interface ListedGroup {
	groupId: string;
	protocolType: string;
	/** v4+: Stable, Empty, … ; null before v4 */
	groupState: string | null;
	/** v5+: classic, consumer, share, streams ; null before v5 */
	groupType: string | null;
}

export interface ListedGroups {
	errorCode: number;
	groups: ListedGroup[];
}

export function listGroupsRequest(version: number): WireRequest<ListedGroups> {
	if (version < 0 || version > 5) throw new Error(`ListGroups v${version} is not implemented`);
	const flexible = version >= 3;
	return wire(
		ApiKey.ListGroups,
		'ListGroups',
		version,
		flexible,
		(w) => {
			if (version >= 4) w.compactArray([], () => {}); // states filter: none
			if (version >= 5) w.compactArray([], () => {}); // types filter: none
			if (flexible) w.tags();
		},
		(r) => {
			if (version >= 1) r.int32(); // throttle
			const errorCode = r.int16();
			const groups = flexible ? r.compactArray((r) => flexibleGroup(r, version)) : r.array(classicGroup);
			if (flexible) r.tags();
			return {errorCode, groups};
		},
	);
}

function classicGroup(r: Reader): ListedGroup {
	return {groupId: r.string() ?? '', protocolType: r.string() ?? '', groupState: null, groupType: null};
}

function flexibleGroup(r: Reader, version: number): ListedGroup {
	const group: ListedGroup = {
		groupId: r.compactString() ?? '',
		protocolType: r.compactString() ?? '',
		groupState: version >= 4 ? (r.compactString() ?? '') : null,
		groupType: version >= 5 ? (r.compactString() ?? '') : null,
	};
	r.tags();
	return group;
}
