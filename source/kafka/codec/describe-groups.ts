// Classic groups' membership: DescribeGroups v0–v4 (non-flexible) and the ConsumerProtocol
// assignment a described member carries. (ListGroups: list-groups.ts; KIP-848 groups:
// consumer-group-describe.ts.)
import {Reader} from './primitives.js';
import {ApiKey, wire, type WireRequest} from './request.js';

export interface DescribedMember {
	memberId: string;
	groupInstanceId: string | null;
	clientId: string;
	clientHost: string;
	metadata: Buffer | null;
	assignment: Buffer | null;
}
export interface DescribedGroup {
	errorCode: number;
	groupId: string;
	state: string;
	protocolType: string;
	protocol: string;
	members: DescribedMember[];
}

export function describeGroupsRequest(version: number, groupIds: string[]): WireRequest<DescribedGroup[]> {
	if (version < 0 || version > 4) throw new Error(`DescribeGroups v${version} is not implemented`);
	return wire(
		ApiKey.DescribeGroups,
		'DescribeGroups',
		version,
		false,
		(w) => {
			w.array(groupIds, (w, id) => w.string(id));
			if (version >= 3) w.bool(false); // include authorized operations
		},
		(r) => {
			if (version >= 1) r.int32();
			const groups = r.array((r) => {
				const g: DescribedGroup = {
					errorCode: r.int16(),
					groupId: r.string() ?? '',
					state: r.string() ?? '',
					protocolType: r.string() ?? '',
					protocol: r.string() ?? '',
					members: r.array((r) => ({
						memberId: r.string() ?? '',
						groupInstanceId: version >= 4 ? r.string() : null,
						clientId: r.string() ?? '',
						clientHost: r.string() ?? '',
						metadata: r.bytes(),
						assignment: r.bytes(),
					})),
				};
				if (version >= 3) r.int32();
				return g;
			});
			return groups;
		},
	);
}

/** ConsumerProtocol assignment (any version; only the common prefix is read). */
export function decodeConsumerAssignment(buf: Buffer | null): {topic: string; partitions: number[]}[] {
	if (!buf || buf.length < 2) return [];
	try {
		const r = new Reader(buf);
		r.int16(); // version
		return r.array((r) => ({topic: r.string() ?? '', partitions: r.array((r) => r.int32())}));
	} catch {
		return [];
	}
}
