// Which config resource an operator names: a topic, one broker, or every broker's cluster-wide
// default (kafka-configs.sh --entity-type brokers --entity-default), checked against the cluster.
import type {ClusterSnapshot} from '../domain/cluster.js';
import {RESOURCE_BROKER, RESOURCE_TOPIC} from '../kafka/actions/cluster-actions.js';

export type ConfigTarget = {kind: 'topic'; name: string} | {kind: 'broker'; id: number} | {kind: 'broker-default'};

/** The resource as the protocol names it: type and name ('' = the cluster-wide broker default). */
export function resourceOf(target: ConfigTarget): {type: number; name: string} {
	if (target.kind === 'topic') return {type: RESOURCE_TOPIC, name: target.name};
	return {type: RESOURCE_BROKER, name: target.kind === 'broker' ? String(target.id) : ''};
}

/** "topic orders", "broker 3", "the default of every broker". */
export function targetText(target: ConfigTarget): string {
	if (target.kind === 'topic') return `topic ${target.name}`;
	return target.kind === 'broker' ? `broker ${target.id}` : 'the cluster-wide broker default';
}

/** Why the target is not in the cluster, or null. */
export function missingTarget(snapshot: ClusterSnapshot, target: ConfigTarget): string | null {
	if (target.kind === 'topic') return snapshot.topics.some((t) => t.name === target.name) ? null : `topic '${target.name}' does not exist`;
	if (target.kind === 'broker' && !snapshot.brokers.some((b) => b.id === target.id)) {
		return `broker ${target.id} is not in the cluster (brokers: ${snapshot.brokers.map((b) => b.id).sort((a, b) => a - b).join(', ')})`;
	}
	return null;
}
