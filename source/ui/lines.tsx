// A block of pre-rendered lines (the agents views draw their own text), each truncated to the width.
import React from 'react';
import {Box} from 'ink';
import {OneLine} from './text.js';

export function Lines({lines, width, height}: {lines: readonly string[]; width: number; height: number}) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.map((line, i) => (
				<OneLine key={i}>{line}</OneLine>
			))}
		</Box>
	);
}
