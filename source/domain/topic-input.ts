// What an operator types to create or grow a topic or change configs, checked before anything is
// sent: Kafka's topic-name rule, partition counts and replication factors in the ranges the
// protocol carries, kafka-topics.sh's --replica-assignment syntax, and `name=value` config pairs.
import {UsageError} from '../errors.js';
import {wholeNumber} from './numbers.js';

/** Kafka's own limit on a topic name (Topic.MAX_NAME_LENGTH) and its legal characters. */
export const TOPIC_NAME_MAX = 249;
const TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;
/** A bound on what one command may create, so a typo cannot ask for millions of partitions. */
export const MAX_PARTITIONS = 100_000;
/** ReplicationFactor is an int16 on the wire; no cluster has more brokers than this anyway. */
export const MAX_REPLICATION_FACTOR = 32_767;
/** Config names are Kafka's dotted identifiers; anything else is a typo or an attempt at mischief. */
const CONFIG_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function checkTopicName(name: string): string {
	if (name === '' || name === '.' || name === '..') throw new UsageError(`'${name}' is not a legal topic name`);
	if (name.length > TOPIC_NAME_MAX) throw new UsageError(`a topic name is at most ${TOPIC_NAME_MAX} characters (this one has ${name.length})`);
	if (!TOPIC_NAME.test(name)) throw new UsageError(`topic name '${name}' may only contain ASCII letters, digits, '.', '_' and '-'`);
	return name;
}

/** Topics Kafka keeps for itself (__consumer_offsets, __transaction_state, …). */
export function isInternalTopic(name: string): boolean {
	return name.startsWith('__');
}

export function partitionCount(text: string, what = '--partitions'): number {
	return wholeNumber(text, what, {min: 1, max: MAX_PARTITIONS});
}

export function replicationFactor(text: string, what = '--replication-factor'): number {
	return wholeNumber(text, what, {min: 1, max: MAX_REPLICATION_FACTOR});
}

/**
 * kafka-topics.sh's --replica-assignment: partitions separated by ',', each a ':'-separated list of
 * broker ids, the first the preferred leader (`3:4,4:5` = partition 0 on 3 and 4, partition 1 on 4
 * and 5). Every partition must have the same number of distinct replicas, as kafka-topics.sh requires.
 */
export function parseReplicaAssignment(text: string): number[][] {
	const parts = text.split(',');
	if (parts.length > MAX_PARTITIONS) throw new UsageError(`--replica-assignment lists more than ${MAX_PARTITIONS} partitions`);
	const assignment = parts.map((part, partition) => {
		if (part.trim() === '') throw new UsageError(`--replica-assignment: partition ${partition} has no brokers`);
		const brokers = part.split(':').map((id) => wholeNumber(id.trim(), `--replica-assignment broker id`, {min: 0, max: 2 ** 31 - 1}));
		if (new Set(brokers).size !== brokers.length) throw new UsageError(`--replica-assignment: partition ${partition} lists a broker twice (${part})`);
		return brokers;
	});
	const rf = assignment[0]!.length;
	const odd = assignment.findIndex((brokers) => brokers.length !== rf);
	if (odd >= 0) throw new UsageError(`--replica-assignment: partition ${odd} has ${assignment[odd]!.length} replicas, partition 0 has ${rf}; every partition needs the same number`);
	return assignment;
}

export function checkConfigName(name: string, what = 'config name'): string {
	if (!CONFIG_NAME.test(name)) throw new UsageError(`${what} '${name}' is not a config name (letters, digits, '.', '_', '-')`);
	return name;
}

/** `name=value` pairs (the value may contain '=' and may be empty); a name given twice is a usage error. */
export function parseConfigPairs(pairs: readonly string[], flag: string): Array<{name: string; value: string}> {
	const seen = new Set<string>();
	return pairs.map((pair) => {
		const at = pair.indexOf('=');
		if (at <= 0) throw new UsageError(`${flag} takes name=value, not '${pair}'`);
		const name = checkConfigName(pair.slice(0, at), `${flag}`);
		if (seen.has(name)) throw new UsageError(`${flag}: '${name}' is given twice`);
		seen.add(name);
		return {name, value: pair.slice(at + 1)};
	});
}
