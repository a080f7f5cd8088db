// DescribeConfigs (apiKey 32), versions 1–3: non-flexible; Kafka 2.0 … 4.x accept v1. The gateway
// reads every config of the described topics (what kafka-topics.sh prints, at the best version
// both sides speak); the actions read the values a change is about to overwrite (v1), so that a
// failed action can put them back.
// Request v1–v3:  Resources []{ResourceType int8, ResourceName string, ConfigurationKeys nullable []string},
//                 IncludeSynonyms bool, v3+: IncludeDocumentation bool
// Response v1–v3: ThrottleTimeMs int32, Results []{ErrorCode int16, ErrorMessage nullable string,
//                 ResourceType int8, ResourceName string, Configs []{Name string, Value nullable string,
//                 ReadOnly bool, ConfigSource int8, IsSensitive bool, Synonyms []{Name, Value, Source},
//                 v3+: ConfigType int8, Documentation nullable string}}
import {errorName} from './error-names.js';
import type {Reader, Writer} from './primitives.js';
import {RESOURCE_TOPIC} from './config-resource.js';
import {ApiKey, wire, type WireRequest} from './request.js';

export const DESCRIBE_CONFIGS = ApiKey.DescribeConfigs;
/** ConfigSource: a value set on this topic, or on this one broker (not a cluster default, not static) */
export const SOURCE_TOPIC_CONFIG = 1;
export const SOURCE_DYNAMIC_BROKER_CONFIG = 2;
/** ConfigSource of a value nobody set (what kafka-topics.sh leaves out) */
export const SOURCE_DEFAULT_CONFIG = 5;

/** ConfigSource codes as Kafka's ConfigEntry.ConfigSource names them (what kafka-configs.sh prints). */
export const CONFIG_SOURCE_NAMES: Readonly<Record<number, string>> = {
	0: 'UNKNOWN',
	1: 'DYNAMIC_TOPIC_CONFIG',
	2: 'DYNAMIC_BROKER_CONFIG',
	3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
	4: 'STATIC_BROKER_CONFIG',
	5: 'DEFAULT_CONFIG',
	6: 'DYNAMIC_BROKER_LOGGER_CONFIG',
	7: 'CLIENT_METRICS_CONFIG',
	8: 'GROUP_CONFIG',
};
export const SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG = 3;

export interface ConfigSynonym {
	name: string;
	value: string | null;
	source: number;
}

export interface DescribedConfig {
	name: string;
	value: string | null;
	source: number;
	sensitive: boolean;
	readOnly?: boolean;
	/** where the value comes from, most specific first (only when asked with synonyms) */
	synonyms?: ConfigSynonym[];
}

export interface DescribedConfigResource {
	type: number;
	name: string;
	errorCode: number;
	error: string | null;
	errorMessage: string | null;
	configs: DescribedConfig[];
}

export interface DescribeConfigsResult {
	resources: DescribedConfigResource[];
}

/** keys null asks for every config of the resource. */
export interface ConfigResource {
	type: number;
	name: string;
	keys: string[] | null;
}

const body = (version: number, resources: ConfigResource[], synonyms: boolean) => (w: Writer) => {
	w.array(resources, (w, r) => w.int8(r.type).string(r.name).array(r.keys, (w, k) => w.string(k)));
	w.bool(synonyms);
	if (version >= 3) w.bool(false); // include documentation
};

const decode = (version: number, synonyms: boolean) => (r: Reader): DescribeConfigsResult => {
	r.int32(); // throttle
	const resources = r.array((r): DescribedConfigResource => {
		const errorCode = r.int16();
		const errorMessage = r.string();
		const type = r.int8();
		const name = r.string() ?? '';
		const configs = r.array((r) => {
			const config: DescribedConfig = {name: r.string() ?? '', value: r.string(), source: 0, sensitive: false};
			const readOnly = r.bool();
			config.source = r.int8();
			config.sensitive = r.bool();
			const found = r.array((r): ConfigSynonym => ({name: r.string() ?? '', value: r.string(), source: r.int8()}));
			if (synonyms) Object.assign(config, {readOnly, synonyms: found});
			if (version >= 3) {
				r.int8(); // config type
				r.string(); // documentation
			}
			return config;
		});
		return {type, name, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage, configs};
	});
	return {resources};
};

/** `synonyms`: also where each value comes from (what kafka-configs.sh --describe asks for). */
export function describeConfigs(resources: ConfigResource[], version = 1, {synonyms = false}: {synonyms?: boolean} = {}): WireRequest<DescribeConfigsResult> {
	if (version < 1 || version > 3) throw new Error(`DescribeConfigs v${version} is not implemented`);
	return wire(DESCRIBE_CONFIGS, 'DescribeConfigs', version, false, body(version, resources, synonyms), decode(version, synonyms));
}

/** Every config of `topics`. */
export function describeTopicConfigs(version: number, topics: string[]): WireRequest<DescribeConfigsResult> {
	return describeConfigs(topics.map((name) => ({type: RESOURCE_TOPIC, name, keys: null})), version);
}
