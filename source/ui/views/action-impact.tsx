// Console side of `kcon broker kill`: the impact preview, shown before any kill (pure: props in,
// frame out). The confirm flow (action-confirm.tsx) puts it above the type-the-id prompt.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {impactLines, killNeedsForce, type KillImpact} from '../../domain/impact.js';
import {paint} from '../theme.js';
import {clip} from '../table.js';
import {GLYPHS} from '../../present/glyphs.js';

export interface ImpactPreviewProps {
	impact: KillImpact;
	width: number;
	/** lines available; long lists are cut with "… and N more" */
	height: number;
}

/** Lines coloured by what they mean: offline red, under-min-ISR/coordinators yellow. */
export function ImpactPreview({impact, width, height}: ImpactPreviewProps) {
	const per = Math.max(1, Math.floor((height - 6) / 4));
	let section: 'none' | 'moves' | 'offline' | 'minisr' | 'groups' = 'none';
	const lines = impactLines(impact, per).map((line) => {
		if (/^  leaders that move/.test(line)) section = 'moves';
		else if (/^  partitions that go OFFLINE/.test(line)) section = 'offline';
		else if (/^  partitions under min/.test(line)) section = 'minisr';
		else if (/^  consumer groups/.test(line)) section = 'groups';
		else if (/^  [^ ]/.test(line)) section = 'none';
		const tone = line.startsWith('Impact') ? 'accent' : section === 'offline' ? 'bad' : section === 'minisr' || section === 'groups' ? 'warn' : undefined;
		return paint(tone, clip(line, width));
	});
	const force = killNeedsForce(impact);
	return (
		<Box flexDirection="column" width={width}>
			{lines.slice(0, Math.max(1, height - (force ? 1 : 0))).map((l, i) => (
				<Text key={i}>{l}</Text>
			))}
			{force ? <Text>{paint('bad', clip(`${GLYPHS.warning} ${force}`, width))}</Text> : null}
		</Box>
	);
}
