// Feature levels as kafka-features.sh describe prints them (org.apache.kafka.tools.FeatureCommand):
// one tab-separated line per feature the broker supports, sorted by name; metadata.version by
// release name; a feature the cluster has not finalized shows level 0; an unknown epoch '-'.
import type {ClusterFeatures} from '../domain/quorum.js';
import {featureLevelText} from '../domain/quorum.js';
import {forText} from '../terminal-safe.js';

export function renderFeaturesText(features: ClusterFeatures): string {
	const epoch = features.epoch === null ? '-' : String(features.epoch);
	return forText(features.features)
		.map(
			(f) =>
				`Feature: ${f.name}\tSupportedMinVersion: ${featureLevelText(f.name, f.supportedMin)}\tSupportedMaxVersion: ${featureLevelText(f.name, f.supportedMax)}\tFinalizedVersionLevel: ${featureLevelText(f.name, f.finalized)}\tEpoch: ${epoch}\n`,
		)
		.join('');
}
