// `kcon config describe|alter` as text. describe prints what kafka-configs.sh --describe prints
// (a header, then `  name=value sensitive=… synonyms={SOURCE:name=value, …}` per config), so
// operators and scripts used to Kafka's tool read it the same way.
export interface ShownConfig {
	name: string;
	value: string | null;
	sensitive: boolean;
	source: string;
	synonyms: Array<{name: string; value: string | null; source: string}>;
}

export type ShownTarget = {kind: 'topic'; name: string} | {kind: 'broker'; id: number} | {kind: 'broker-default'};

export function describeHeader(target: ShownTarget, all: boolean): string {
	if (target.kind === 'broker-default') return `${all ? 'All' : 'Default'} configs for brokers in the cluster are:`;
	return `${all ? 'All' : 'Dynamic'} configs for ${target.kind === 'topic' ? `topic ${target.name}` : `broker ${target.id}`} are:`;
}

export function configLine(c: ShownConfig): string {
	const synonyms = c.synonyms.map((s) => `${s.source}:${s.name}=${s.value}`).join(', ');
	return `  ${c.name}=${c.value} sensitive=${c.sensitive} synonyms={${synonyms}}`;
}

export function describeText(target: ShownTarget, all: boolean, configs: readonly ShownConfig[]): string {
	return [describeHeader(target, all), ...configs.map(configLine)].join('\n');
}

export interface ShownChange {
	name: string;
	op: 'set' | 'delete';
	before: {value: string | null; source: string} | null;
	value: string | null;
	sensitive: boolean;
	after?: {value: string | null; source: string} | null;
}

const shownValue = (v: {value: string | null; source: string} | null | undefined, sensitive: boolean) =>
	v ? `${sensitive ? '(sensitive)' : v.value ?? 'null'} (${v.source})` : '(not set)';

/** `  retention.ms: 604800000 (DEFAULT_CONFIG) → 1000`, one line per key. */
export function changeLines(changes: readonly ShownChange[], when: 'before' | 'after'): string[] {
	return changes.map((c) => {
		const from = shownValue(c.before, c.sensitive);
		if (when === 'after') return `  ${c.name}: ${from} → ${shownValue(c.after, c.sensitive)}`;
		const to = c.op === 'delete' ? '(override removed: falls back to the broker or default value)' : c.sensitive ? '(sensitive)' : c.value;
		return `  ${c.name}: ${from} → ${to}`;
	});
}
