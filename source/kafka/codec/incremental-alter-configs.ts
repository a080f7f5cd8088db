// IncrementalAlterConfigs (apiKey 44), version 0: non-flexible; Kafka 2.3 … 4.x accept it.
// Unlike AlterConfigs it changes only the keys named, so other topic configs are never clobbered.
// Request v0:  Resources []{ResourceType int8, ResourceName string,
//              Configs []{Name string, ConfigOperation int8, Value nullable string}}, ValidateOnly bool
// Response v0: ThrottleTimeMs int32, Resources []{ErrorCode int16, ErrorMessage nullable string,
//              ResourceType int8, ResourceName string}
import {errorName} from './error-names.js';
import type {Reader, Writer} from './primitives.js';
import {decodeBody, encodeBody, wire, type Encoded, type WireRequest} from './request.js';

export const INCREMENTAL_ALTER_CONFIGS = 44;
export {RESOURCE_BROKER, RESOURCE_TOPIC} from './config-resource.js';
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

const body = (resources: ConfigResourceChange[], validateOnly: boolean) => (w: Writer) => {
	w.array(resources, (w, r) => {
		w.int8(r.type).string(r.name);
		w.array(r.configs, (w, c) => w.string(c.name).int8(c.op).string(c.value));
	});
	w.bool(validateOnly);
};

function decode(r: Reader): IncrementalAlterConfigsResult {
	const throttleTimeMs = r.int32();
	const resources = r.array((r) => {
		const errorCode = r.int16();
		const errorMessage = r.string();
		const type = r.int8();
		const name = r.string() ?? '';
		return {type, name, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage};
	});
	return {throttleTimeMs, resources};
}

export const encodeIncrementalAlterConfigs = (resources: ConfigResourceChange[], validateOnly = false): Encoded =>
	encodeBody(false, body(resources, validateOnly));
export const decodeIncrementalAlterConfigs = (payload: Buffer): IncrementalAlterConfigsResult => decodeBody(payload, false, decode);

export function incrementalAlterConfigs(resources: ConfigResourceChange[], validateOnly = false): WireRequest<IncrementalAlterConfigsResult> {
	return wire(INCREMENTAL_ALTER_CONFIGS, 'IncrementalAlterConfigs', 0, false, body(resources, validateOnly), decode);
}
