// ApiVersions v3/v4 sent again on a connection kafkajs has already opened, for what kafkajs's own
// ApiVersions (v2) cannot carry: the feature levels (KIP-584) in the response's tagged fields —
// each feature's supported range on this broker, and the cluster's finalized levels with their
// epoch. v4 also lists features whose minimum is 0 (v3 leaves them out, KAFKA-17011).
// ApiVersions is special on the wire: from v3 the request header is flexible, but the response
// header stays v0 (no tagged fields), so the body is decoded without wire()'s header handling.
import {Reader} from './primitives.js';
import {ApiKey, encodeBody, type WireRequest} from './request.js';

export interface FeatureRange {
	name: string;
	minVersion: number;
	maxVersion: number;
}

export interface FinalizedFeature {
	name: string;
	minVersionLevel: number;
	maxVersionLevel: number;
}

export interface FeaturesResponse {
	errorCode: number;
	supported: FeatureRange[];
	/** -1 when the broker does not know it (FeatureCommand prints '-') */
	finalizedEpoch: bigint;
	finalized: FinalizedFeature[];
}

export function apiVersionsFeaturesRequest(version: 3 | 4, client = {name: 'kcon', version: '1'}): WireRequest<FeaturesResponse> {
	const decode = (payload: Buffer): FeaturesResponse => {
		const r = new Reader(payload);
		const errorCode = r.int16();
		r.compactArray((r) => {
			r.int16();
			r.int16();
			r.int16();
			r.tags();
		});
		r.int32(); // throttle
		const tags = r.taggedFields();
		const supported = tags.get(0)?.compactArray((r): FeatureRange => {
			const name = r.compactString() ?? '';
			const minVersion = r.int16();
			const maxVersion = r.int16();
			r.tags();
			return {name, minVersion, maxVersion};
		});
		const finalizedEpoch = tags.get(1)?.int64() ?? -1n;
		const finalized = tags.get(2)?.compactArray((r): FinalizedFeature => {
			const name = r.compactString() ?? '';
			const maxVersionLevel = r.int16();
			const minVersionLevel = r.int16();
			r.tags();
			return {name, minVersionLevel, maxVersionLevel};
		});
		return {errorCode, supported: supported ?? [], finalizedEpoch, finalized: finalized ?? []};
	};
	return {
		request: {
			apiKey: ApiKey.ApiVersions,
			apiVersion: version,
			apiName: 'ApiVersions',
			encode: async () =>
				encodeBody(true, (w) => {
					w.compactString(client.name).compactString(client.version).tags();
				}),
		},
		response: {decode: async (payload: Buffer) => decode(payload), parse: async (data: FeaturesResponse) => data},
	};
}
