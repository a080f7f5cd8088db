// DescribeConfigs (apiKey 32), version 1: non-flexible; Kafka 2.0 … 4.x accept it. Used to read the
// values a change is about to overwrite, so that a failed action can put them back.
// Request v1:  Resources []{ResourceType int8, ResourceName string, ConfigurationKeys nullable []string},
//              IncludeSynonyms bool
// Response v1: ThrottleTimeMs int32, Results []{ErrorCode int16, ErrorMessage nullable string,
//              ResourceType int8, ResourceName string, Configs []{Name string, Value nullable string,
//              ReadOnly bool, ConfigSource int8, IsSensitive bool, Synonyms []{Name, Value, Source}}}
import {Decoder, Encoder, errorName, readArray, responseOf, writeStructArray, type Protocol} from './wire.js';

export const DESCRIBE_CONFIGS = 32;
/** ConfigSource: a value set on this topic, or on this one broker (not a cluster default, not static) */
export const SOURCE_TOPIC_CONFIG = 1;
export const SOURCE_DYNAMIC_BROKER_CONFIG = 2;

export interface DescribedConfig {
	name: string;
	value: string | null;
	source: number;
	sensitive: boolean;
}

export interface DescribeConfigsResult {
	resources: Array<{type: number; name: string; errorCode: number; error: string | null; errorMessage: string | null; configs: DescribedConfig[]}>;
}

export function decodeDescribeConfigs(payload: Buffer): DescribeConfigsResult {
	const d = new Decoder(payload);
	d.readInt32();
	const resources = readArray(d, (rd) => {
		const errorCode = rd.readInt16();
		const errorMessage = rd.readString();
		const type = rd.readInt8();
		const name = rd.readString() ?? '';
		const configs = readArray(rd, (cd) => {
			const config: DescribedConfig = {name: cd.readString() ?? '', value: cd.readString(), source: 0, sensitive: false};
			cd.readBoolean();
			config.source = cd.readInt8();
			config.sensitive = cd.readBoolean();
			readArray(cd, (sd) => {
				sd.readString();
				sd.readString();
				sd.readInt8();
			});
			return config;
		});
		return {type, name, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage, configs};
	});
	return {resources};
}

export function describeConfigs(resources: Array<{type: number; name: string; keys: string[]}>): Protocol<DescribeConfigsResult> {
	return {
		request: {
			apiKey: DESCRIBE_CONFIGS,
			apiVersion: 1,
			apiName: 'DescribeConfigs',
			encode: async () => {
				const e = writeStructArray(new Encoder(), resources, (e, r) => {
					e.writeInt8(r.type).writeString(r.name).writeArray(r.keys, 'string');
				});
				return e.writeBoolean(false);
			},
		},
		response: responseOf(decodeDescribeConfigs),
	};
}
