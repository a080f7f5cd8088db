// Feature levels as kafka-features.sh describe prints them (org.apache.kafka.tools.FeatureCommand):
// one line per feature the broker supports, sorted by name; metadata.version by release name; a
// feature the cluster has not finalized shows level 0; an unknown epoch '-'.
// The tool's layout changed between releases: Kafka 4.2 and older separate the fields by tabs,
// Kafka 4.4 pads them into columns (`Feature: %-40s  SupportedMinVersion: %-15s  …`). The text
// follows the Kafka the broker runs, told by the newest metadata.version it supports: 4.4-IV0 or
// later (or a level past kcon's table) is a 4.4 broker or newer, and gets the padded layout.
import type {ClusterFeatures, FeatureLevel} from '../domain/quorum.js';
import {featureLevelText, metadataVersionLevel} from '../domain/quorum.js';
import {forText} from '../terminal-safe.js';

/** The first metadata.version whose brokers ship the padded FeatureCommand layout. */
const PADDED_FROM = metadataVersionLevel('4.4-IV0');

export function featuresLayout(features: ClusterFeatures): 'tabs' | 'padded' {
	const mv = features.features.find((f) => f.name === 'metadata.version');
	return mv && mv.supportedMax >= PADDED_FROM ? 'padded' : 'tabs';
}

export function renderFeaturesText(features: ClusterFeatures): string {
	const epoch = features.epoch === null ? '-' : String(features.epoch);
	const padded = featuresLayout(features) === 'padded';
	const line = (f: FeatureLevel): string => {
		const fields = [f.name, featureLevelText(f.name, f.supportedMin), featureLevelText(f.name, f.supportedMax), featureLevelText(f.name, f.finalized)];
		if (!padded) {
			const [name, min, max, finalized] = fields;
			return `Feature: ${name}\tSupportedMinVersion: ${min}\tSupportedMaxVersion: ${max}\tFinalizedVersionLevel: ${finalized}\tEpoch: ${epoch}\n`;
		}
		// Java's %-Ns: padded to N, never cut
		const [name, min, max, finalized] = fields.map((v, i) => v.padEnd(i === 0 ? 40 : 15));
		return `Feature: ${name}  SupportedMinVersion: ${min}  SupportedMaxVersion: ${max}  FinalizedVersionLevel: ${finalized}  Epoch: ${epoch}\n`;
	};
	return forText(features.features).map(line).join('');
}
