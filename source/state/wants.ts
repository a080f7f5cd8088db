// What the next poll should fetch, from what is on screen: offsets only for the topics visible in
// the topics list, or the one topic whose partitions are shown (heavy detail for what is seen).
import {current, listHeight, type ConsoleState, type RefreshScope, type ShownTableOf} from './reducer.js';
import {resolveCursor, windowFor} from './select.js';

/** Structurally the gateway's SnapshotOptions (source/kafka/gateway.ts). */
export interface SnapshotRequest {
	topics?: string[];
	offsets?: boolean | {topics: string[]};
	groups?: boolean | string[];
	configs?: boolean | {topics: string[]};
	reassignments?: boolean;
	/** the KRaft quorum (health strip, controllers view) and the feature levels (title bar): one request each, every poll */
	quorum?: boolean;
	features?: boolean;
	/** eligible leader replicas (KIP-966): one more request, asked only while partitions are shown */
	elr?: boolean;
}

const KRAFT = {quorum: true, features: true} as const;

/** `tableOf` gives the topics list as it is shown (filtered, sorted), for its visible rows. */
export function snapshotRequest(state: ConsoleState, tableOf: ShownTableOf): {request: SnapshotRequest; offsetsFor: string[] | 'all' | 'none'} {
	const top = current(state);
	// first poll: everything, so every view has numbers at once
	if (!state.snapshot) return {request: {offsets: true, groups: true, configs: true, ...KRAFT}, offsetsFor: 'all'};
	let topics: string[] = [];
	if (top.view === 'topics') {
		const vt = tableOf(state, top);
		if (vt) {
			const h = listHeight(state);
			const cursor = resolveCursor(top, vt.rows);
			const offset = windowFor(cursor, top.offset, vt.rows.length, h);
			topics = vt.rows.slice(offset, offset + h).map((r) => r.key);
		}
	} else if ((top.view === 'partitions' || top.view === 'tail') && top.arg) {
		topics = [top.arg];
	}
	const elr = top.view === 'partitions' ? {elr: true} : {};
	return {request: {offsets: {topics}, groups: true, configs: true, ...KRAFT, ...elr}, offsetsFor: topics};
}

/** After an action only what it changed: metadata of its topics (and their offsets), no groups. */
export function scopedRequest(scope: RefreshScope): {request: SnapshotRequest; offsetsFor: string[] | 'none'} {
	if (scope.topics === 'all') return {request: {offsets: false, groups: false, configs: false, ...KRAFT}, offsetsFor: 'none'};
	return {request: {topics: scope.topics, offsets: {topics: scope.topics}, groups: false, configs: {topics: scope.topics}, ...KRAFT}, offsetsFor: scope.topics};
}
