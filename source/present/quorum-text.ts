// The KRaft quorum as kafka-metadata-quorum.sh describes it (org.apache.kafka.tools.MetadataQuorumCommand):
// --status is eight "Name:<padding>value" lines, --replication a table whose every cell is padded to
// its column and followed by a tab (ToolsUtils.prettyPrintTable), so both compare byte for byte.
// Without a leader the Java tool fails; kcon prints LeaderId -1 and -1 for the derived lags instead.
import type {QuorumInfo, QuorumReplica} from '../domain/quorum.js';
import {quorumRows, quorumStatus} from '../domain/quorum.js';
import {forText} from '../terminal-safe.js';

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

// MetadataQuorumCommand's Node.toString: {"id": 1, "directoryId": "…"|null, "endpoints": ["CONTROLLER://h:p"]}
function replicaText(r: QuorumReplica): string {
	const dir = r.directoryId === null ? 'null' : `"${r.directoryId}"`;
	const endpoints = r.endpoints.length > 0 ? `, "endpoints": [${r.endpoints.map((e) => `"${e}"`).join(', ')}]` : '';
	return `{"id": ${r.id}, "directoryId": ${dir}${endpoints}}`;
}

export function renderQuorumStatus(clusterId: string | null, quorum: QuorumInfo): string {
	const q = forText(quorum);
	const status = quorumStatus(q);
	const lines: [string, string][] = [
		['ClusterId', forText(clusterId ?? '')],
		['LeaderId', String(q.leaderId)],
		['LeaderEpoch', String(q.leaderEpoch)],
		['HighWatermark', String(q.highWatermark)],
		['MaxFollowerLag', String(status?.maxFollowerLag ?? -1)],
		['MaxFollowerLagTimeMs', String(status?.maxFollowerLagTimeMs ?? -1)],
		['CurrentVoters', `[${q.voters.map(replicaText).join(', ')}]`],
		['CurrentObservers', `[${q.observers.map(replicaText).join(', ')}]`],
	];
	return lines.map(([name, value]) => `${`${name}:`.padEnd(24)}${value}\n`).join('');
}

const HEADERS = ['NodeId', 'DirectoryId', 'LogEndOffset', 'Lag', 'LastFetchTimestamp', 'LastCaughtUpTimestamp', 'Status'];

export function renderQuorumReplication(quorum: QuorumInfo): string {
	const rows = quorumRows(forText(quorum)).map((r) => [
		String(r.id),
		r.directoryId ?? ZERO_UUID,
		String(r.logEndOffset),
		r.lag === null ? '-' : String(r.lag),
		String(r.lastFetchTimestamp ?? -1),
		String(r.lastCaughtUpTimestamp ?? -1),
		r.role,
	]);
	const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!) + '\t').join('') + '\n';
	return [HEADERS, ...rows].map(line).join('');
}
