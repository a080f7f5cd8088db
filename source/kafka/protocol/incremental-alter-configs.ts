// IncrementalAlterConfigs (apiKey 44), version 0: non-flexible; Kafka 2.3 … 4.x accept it.
// Unlike AlterConfigs it changes only the keys named, so other topic configs are never clobbered.
// Request v0:  Resources []{ResourceType int8, ResourceName string,
//              Configs []{Name string, ConfigOperation int8, Value nullable string}}, ValidateOnly bool
// Response v0: ThrottleTimeMs int32, Resources []{ErrorCode int16, ErrorMessage nullable string,
//              ResourceType int8, ResourceName string}
import {Decoder, Encoder, errorName, readArray, responseOf, writeStructArray, type Protocol} from './wire.js';

export const INCREMENTAL_ALTER_CONFIGS = 44;
export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;
export const OP_SET = 0;
export const OP_DELETE = 1;
export const OP_APPEND = 2;
export const OP_SUBTRACT = 3;

export interface ConfigChange {
	name: string;
	/** OP_SET, OP_DELETE, OP_APPEND, OP_SUBTRACT */
	op: number;
	value: string | null;
}

export interface ConfigResourceChange {
	type: number;
	name: string;
	configs: ConfigChange[];
}

export interface IncrementalAlterConfigsResult {
	throttleTimeMs: number;
	resources: Array<{type: number; name: string; errorCode: number; error: string | null; errorMessage: string | null}>;
}

export function encodeIncrementalAlterConfigs(resources: ConfigResourceChange[], validateOnly = false): Encoder {
	const encoder = writeStructArray(new Encoder(), resources, (e, r) => {
		e.writeInt8(r.type).writeString(r.name);
		writeStructArray(e, r.configs, (c, config) => {
			c.writeString(config.name).writeInt8(config.op).writeString(config.value);
		});
	});
	return encoder.writeBoolean(validateOnly);
}

export function decodeIncrementalAlterConfigs(payload: Buffer): IncrementalAlterConfigsResult {
	const d = new Decoder(payload);
	const throttleTimeMs = d.readInt32();
	const resources = readArray(d, (rd) => {
		const errorCode = rd.readInt16();
		const errorMessage = rd.readString();
		const type = rd.readInt8();
		const name = rd.readString() ?? '';
		return {type, name, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage};
	});
	return {throttleTimeMs, resources};
}

export function incrementalAlterConfigs(
	resources: ConfigResourceChange[],
	validateOnly = false,
): Protocol<IncrementalAlterConfigsResult> {
	return {
		request: {
			apiKey: INCREMENTAL_ALTER_CONFIGS,
			apiVersion: 0,
			apiName: 'IncrementalAlterConfigs',
			encode: async () => encodeIncrementalAlterConfigs(resources, validateOnly),
		},
		response: responseOf(decodeIncrementalAlterConfigs),
	};
}
