// Reading the configs of a topic or a broker (`kcon config describe`), as kafka-configs.sh
// --describe does: DescribeConfigs with synonyms, then only the dynamic overrides of the resource
// (DYNAMIC_TOPIC_CONFIG, DYNAMIC_BROKER_CONFIG, or DYNAMIC_DEFAULT_BROKER_CONFIG for the cluster
// default), or every config with `all`, sorted by name. It only reads, so read-only mode allows it.
import type {Settings} from '../config/settings.js';
import {UsageError, KconError} from '../errors.js';
import {
	CONFIG_SOURCE_NAMES,
	SOURCE_DYNAMIC_BROKER_CONFIG,
	SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG,
	SOURCE_TOPIC_CONFIG,
	type DescribedConfig,
} from '../kafka/actions/cluster-actions.js';
import {missingTarget, resourceOf, type ConfigTarget} from './config-target.js';
import {readTopology, withActions} from './topic-write-support.js';

/** One config as kafka-configs.sh shows it: a sensitive value is never shown (null). */
export interface ConfigValue {
	name: string;
	value: string | null;
	/** where the value comes from: DYNAMIC_TOPIC_CONFIG, STATIC_BROKER_CONFIG, DEFAULT_CONFIG, … */
	source: string;
	sensitive: boolean;
	readOnly: boolean;
	synonyms: Array<{name: string; value: string | null; source: string}>;
}

export interface ConfigListing {
	target: ConfigTarget;
	all: boolean;
	configs: ConfigValue[];
}

const sourceName = (code: number) => CONFIG_SOURCE_NAMES[code] ?? `source ${code}`;

/** The source that makes a config this resource's own override. */
export function overrideSource(target: ConfigTarget): number {
	if (target.kind === 'topic') return SOURCE_TOPIC_CONFIG;
	return target.kind === 'broker' ? SOURCE_DYNAMIC_BROKER_CONFIG : SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG;
}

export function configValue(c: DescribedConfig): ConfigValue {
	return {
		name: c.name,
		value: c.sensitive ? null : c.value,
		source: sourceName(c.source),
		sensitive: c.sensitive,
		readOnly: c.readOnly ?? false,
		synonyms: (c.synonyms ?? []).map((s) => ({name: s.name, value: c.sensitive ? null : s.value, source: sourceName(s.source)})),
	};
}

/** Every config of the target, as described (already checked against the cluster). */
export async function readAllConfigs(settings: Settings, target: ConfigTarget): Promise<DescribedConfig[]> {
	const snapshot = await readTopology(settings);
	const missing = missingTarget(snapshot, target);
	if (missing) throw new UsageError(missing);
	const {type, name} = resourceOf(target);
	const resource = await withActions(settings, snapshot, (actions) => actions.describeAllConfigs(type, name));
	if (resource.error) throw new KconError(`DescribeConfigs failed: ${resource.error}${resource.errorMessage ? ` (${resource.errorMessage})` : ''}`);
	return resource.configs;
}

export async function describeConfigs(settings: Settings, target: ConfigTarget, all: boolean): Promise<ConfigListing> {
	const configs = await readAllConfigs(settings, target);
	const own = overrideSource(target);
	const shown = configs.filter((c) => all || c.source === own).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return {target, all, configs: shown.map(configValue)};
}
