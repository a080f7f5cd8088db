// FindCoordinator v4 (flexible): the coordinator of many group ids in one request.
import {ApiKey, wire, type WireRequest} from './request.js';

export interface Coordinator {
	key: string;
	nodeId: number;
	host: string;
	port: number;
	errorCode: number;
	errorMessage: string | null;
}

export function findCoordinatorsRequest(groupIds: string[]): WireRequest<Coordinator[]> {
	return wire(
		ApiKey.FindCoordinator,
		'FindCoordinator',
		4,
		true,
		(w) => {
			w.int8(0); // key type: group
			w.compactArray(groupIds, (w, id) => w.compactString(id));
			w.tags();
		},
		(r) => {
			r.int32();
			const list = r.compactArray((r) => {
				const c: Coordinator = {
					key: r.compactString() ?? '',
					nodeId: r.int32(),
					host: r.compactString() ?? '',
					port: r.int32(),
					errorCode: r.int16(),
					errorMessage: r.compactString(),
				};
				r.tags();
				return c;
			});
			r.tags();
			return list;
		},
	);
}
