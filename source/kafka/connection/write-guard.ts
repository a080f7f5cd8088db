// Read-only mode, decided in one place. Every request kcon sends itself (the gateway's reads, the
// actions' writes, the tail's Fetch) leaves through transport.ts's sendRequest, which asks
// guardRequest first (BrokerLink asks it before it even connects); the consumer-group tail
// (kafkajs's consumer, which joins the group and commits) asks refuseWrites before anything
// connects. `kcon broker kill|start` sends no request: it signals or starts a process (the lab's, or
// a context's brokerCommands); a stopped broker changes the cluster as surely as a request does, so
// ops/guard.ts refuses it in read-only mode with readOnlyError, as it does every
// action before its preview and prompt. The gateway, the plain tail and verify/list only read.
//
// The rule is an allowlist: only requests that read cluster state pass in read-only mode, so an
// API kcon starts sending later is refused there until someone declares it a read here.
import {ReadOnlyError} from '../../errors.js';

/** The Kafka APIs that only read cluster state (key → name, as in Kafka's message specs). */
export const READ_APIS: ReadonlyMap<number, string> = new Map([
	[1, 'Fetch'],
	[2, 'ListOffsets'],
	[3, 'Metadata'],
	[9, 'OffsetFetch'],
	[10, 'FindCoordinator'],
	[15, 'DescribeGroups'],
	[16, 'ListGroups'],
	[17, 'SaslHandshake'],
	[18, 'ApiVersions'],
	[29, 'DescribeAcls'],
	[32, 'DescribeConfigs'],
	[35, 'DescribeLogDirs'],
	[36, 'SaslAuthenticate'],
	[41, 'DescribeDelegationToken'],
	[46, 'ListPartitionReassignments'],
	[48, 'DescribeClientQuotas'],
	[50, 'DescribeUserScramCredentials'],
	[55, 'DescribeQuorum'],
	[60, 'DescribeCluster'],
	[61, 'DescribeProducers'],
	[65, 'DescribeTransactions'],
	[66, 'ListTransactions'],
	[69, 'ConsumerGroupDescribe'],
	[75, 'DescribeTopicPartitions'],
	[77, 'ShareGroupDescribe'],
	[89, 'StreamsGroupDescribe'],
	[90, 'DescribeShareGroupOffsets'],
]);

/**
 * The cluster-changing Kafka APIs kcon sends: its own actions (group offset resets and deletes,
 * produce), and kafkajs's consumer under `tail --group`.
 */
export const KCON_WRITE_APIS: ReadonlyMap<number, string> = new Map([
	[0, 'Produce'],
	[8, 'OffsetCommit'],
	[11, 'JoinGroup'],
	[12, 'Heartbeat'],
	[13, 'LeaveGroup'],
	[14, 'SyncGroup'],
	[42, 'DeleteGroups'],
	[19, 'CreateTopics'],
	[20, 'DeleteTopics'],
	[37, 'CreatePartitions'],
	[43, 'ElectLeaders'],
	[44, 'IncrementalAlterConfigs'],
	[45, 'AlterPartitionReassignments'],
	[47, 'OffsetDelete'],
]);

export interface ReadOnlyFlag {
	/** refuse every action that changes the cluster (Settings.readOnly) */
	readOnly: boolean;
	/** the named context, for the refusal message */
	context?: string;
}

/** The refusal read-only mode gives for `what` (exit 3). */
export function readOnlyError(flag: ReadOnlyFlag, what: string): ReadOnlyError {
	return new ReadOnlyError(`read-only mode: refusing ${what}${flag.context ? ` (context '${flag.context}')` : ''}`);
}

/** Throws the read-only refusal for `what` when the settings are read-only. */
export function refuseWrites(flag: ReadOnlyFlag, what: string): void {
	if (flag.readOnly) throw readOnlyError(flag, what);
}

/** Throws the read-only refusal unless the request only reads (READ_APIS). */
export function guardRequest(flag: ReadOnlyFlag, request: {apiKey: number; apiName: string}): void {
	if (!READ_APIS.has(request.apiKey)) refuseWrites(flag, `${request.apiName} (API key ${request.apiKey}): it changes the cluster`);
}
