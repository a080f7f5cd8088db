// Which brokers there are and which of them answer: Metadata from the first bootstrap broker that
// connects, then a connection to every broker it lists, in parallel (reachable = an actual
// connection + ApiVersions succeeded, error text kept). Brokers the controller has fenced come from
// DescribeCluster v2 where the cluster speaks it (fenced: true); brokers the replica lists name but
// the metadata does not (fenced or stopped) are listed too, not registered.
import type {BrokerInfo} from '../../domain/cluster.js';
import {UnreachableError} from '../../errors.js';
import {describeError, type Link, type Node} from '../connection/node.js';
import {metadataRequest, type MetadataResponse} from '../codec/metadata.js';
import {describeClusterRequest} from '../codec/describe-cluster.js';
import {ApiKey} from '../codec/request.js';

/** The last known address of a broker id (to name a broker after it is fenced). */
export interface KnownBroker {
	host: string;
	port: number;
	rack: string | null;
}

export interface ReachedBrokers {
	/** every broker listed or named by a replica list, by id */
	brokers: BrokerInfo[];
	/** the brokers that answered, by id: only these can be asked anything */
	links: Map<number, Link>;
}

export async function metadataFrom(node: Link, topics: string[] | null): Promise<MetadataResponse> {
	const version = node.pick(ApiKey.Metadata, 9, 12);
	if (version === undefined) {
		throw new Error(`broker ${node.address} speaks no Metadata version kcon implements (needs Kafka ≥ 2.4)`);
	}
	return node.send(metadataRequest(version, topics));
}

/** The first bootstrap broker that connects answers Metadata; UnreachableError when none does. */
export async function bootstrapMetadata(
	candidates: Node[],
	bootstrap: string[],
	topics: string[] | null,
): Promise<{metadata: MetadataResponse; via: Link}> {
	const errors: string[] = [];
	const attempts = candidates.map((node) =>
		node.connect().catch((error: unknown) => {
			errors.push(`${node.address}: ${describeError(error)}`);
			throw error;
		}),
	);
	const order: Link[] = [];
	try {
		order.push(await Promise.any(attempts));
	} catch {
		// none connected
	}
	if (order.length > 0) {
		try {
			return {metadata: await metadataFrom(order[0]!, topics), via: order[0]!};
		} catch (error) {
			errors.push(`${order[0]!.address}: ${describeError(error)}`);
		}
		// the first one failed Metadata: the others that connect, in turn
		const settled = await Promise.allSettled(attempts);
		for (const s of settled) {
			if (s.status !== 'fulfilled' || s.value === order[0]) continue;
			try {
				return {metadata: await metadataFrom(s.value, topics), via: s.value};
			} catch (error) {
				errors.push(`${s.value.address}: ${describeError(error)}`);
			}
		}
	}
	const detail = errors.length > 0 ? `: ${[...new Set(errors)].join('; ')}` : '';
	throw new UnreachableError(`no broker reachable (tried ${bootstrap.join(', ')})${detail}`);
}

/**
 * The brokers the controller has fenced, by id, from DescribeCluster v2 with IncludeFencedBrokers
 * (Kafka ≥ 4.0). Empty when the broker does not speak it or the request fails: the brokers are then
 * inferred from the replica lists as before.
 */
export async function fencedBrokers(link: Link): Promise<Map<number, KnownBroker>> {
	const fenced = new Map<number, KnownBroker>();
	if (!link.supports(ApiKey.DescribeCluster, 2)) return fenced;
	try {
		const response = await link.send(describeClusterRequest());
		if (response.errorCode !== 0) return fenced;
		for (const b of response.brokers) if (b.fenced) fenced.set(b.brokerId, {host: b.host, port: b.port, rack: b.rack});
	} catch {
		// fall back to the replica lists
	}
	return fenced;
}

/** Connects to every broker the metadata lists; the unreachable ones become warnings. */
export async function reachBrokers(
	metadata: MetadataResponse,
	nodeAt: (host: string, port: number) => Node,
	seen: Map<number, KnownBroker>,
	warnings: string[],
	fencedRead: ReadonlyMap<number, KnownBroker> | Promise<ReadonlyMap<number, KnownBroker>> = new Map(),
): Promise<ReachedBrokers> {
	// brokers: connect to each one listed, in parallel; reachable means it answered
	const links = new Map<number, Link>();
	const brokers: BrokerInfo[] = await Promise.all(
		[...metadata.brokers]
			.sort((a, b) => a.nodeId - b.nodeId)
			.map(async (b) => {
				const node = nodeAt(b.host, b.port);
				const info: BrokerInfo = {id: b.nodeId, host: b.host, port: b.port, rack: b.rack, reachable: true};
				try {
					links.set(b.nodeId, await node.connect());
				} catch {
					info.reachable = false;
					info.error = node.error ?? 'unreachable';
				}
				return info;
			}),
	);
	// brokers the controller says it has fenced: registered, not live (Metadata leaves them out)
	const fenced = await fencedRead;
	const listed = new Set(brokers.map((b) => b.id));
	for (const [id, f] of fenced) {
		if (listed.has(id)) continue;
		brokers.push({id, host: f.host, port: f.port, rack: f.rack, reachable: false, error: 'fenced', registered: false, fenced: true});
		listed.add(id);
	}
	// brokers the replica lists name but the metadata does not (fenced or stopped): shown, not live
	const missing = new Set<number>();
	for (const t of metadata.topics) for (const p of t.partitions) for (const r of p.replicas) if (!listed.has(r)) missing.add(r);
	for (const id of [...missing].sort((a, b) => a - b)) {
		const known = seen.get(id);
		brokers.push({
			id,
			host: known?.host ?? '',
			port: known?.port ?? 0,
			rack: known?.rack ?? null,
			reachable: false,
			error: 'not in the cluster metadata (fenced or shut down)',
			registered: false,
		});
	}
	brokers.sort((a, b) => a.id - b.id);
	for (const b of metadata.brokers) seen.set(b.nodeId, {host: b.host, port: b.port, rack: b.rack});
	for (const b of brokers) {
		if (!b.reachable) {
			warnings.push(
				b.fenced
					? `broker ${b.id} (${b.host}:${b.port}) is fenced by the controller`
					: b.registered === false
					? `broker ${b.id} holds replicas but is ${b.error}`
					: `broker ${b.id} (${b.host}:${b.port}) is unreachable: ${b.error}`,
			);
		}
	}
	return {brokers, links};
}
