// DescribeConfigs v1–v3 (non-flexible), topics only: the configs kafka-topics.sh prints.
import {ApiKey, wire, type WireRequest} from './request.js';

export interface ConfigEntry {
	name: string;
	value: string | null;
	/** 5 = DEFAULT_CONFIG; anything else is what kafka-topics.sh prints */
	source: number;
	sensitive: boolean;
}
export interface DescribedConfigResource {
	errorCode: number;
	errorMessage: string | null;
	name: string;
	entries: ConfigEntry[];
}

export function describeTopicConfigsRequest(version: number, topics: string[]): WireRequest<DescribedConfigResource[]> {
	if (version < 1 || version > 3) throw new Error(`DescribeConfigs v${version} is not implemented`);
	return wire(
		ApiKey.DescribeConfigs,
		'DescribeConfigs',
		version,
		false,
		(w) => {
			w.array(topics, (w, t) => {
				w.int8(2); // resource type TOPIC
				w.string(t);
				w.array(null, () => {}); // all config names
			});
			w.bool(false); // include synonyms
			if (version >= 3) w.bool(false); // include documentation
		},
		(r) => {
			r.int32();
			return r.array((r) => {
				const errorCode = r.int16();
				const errorMessage = r.string();
				r.int8();
				const name = r.string() ?? '';
				const entries = r.array((r) => {
					const e: ConfigEntry = {name: r.string() ?? '', value: r.string(), source: 0, sensitive: false};
					r.bool(); // read only
					e.source = r.int8();
					e.sensitive = r.bool();
					r.array((r) => {
						r.string();
						r.string();
						r.int8();
					});
					if (version >= 3) {
						r.int8(); // config type
						r.string(); // documentation
					}
					return e;
				});
				return {errorCode, errorMessage, name, entries};
			});
		},
	);
}
