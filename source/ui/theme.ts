// Tones -> terminal colours. One chalk instance for the console, its colour level settable (tests
// force colours on to assert them; NO_COLOR and non-colour terminals get plain text).
import {Chalk, supportsColor, type ChalkInstance} from 'chalk';
import type {Segment, Tone} from '../present/console-rows.js';

let chalk: ChalkInstance = new Chalk({level: supportsColor ? supportsColor.level : 0});

export function setColorLevel(level: 0 | 1 | 2 | 3): void {
	chalk = new Chalk({level});
}

export function paint(tone: Tone | undefined, text: string): string {
	if (!text) return text;
	switch (tone) {
		case 'ok':
			return chalk.green(text);
		case 'warn':
			return chalk.yellow(text);
		case 'bad':
			return chalk.red(text);
		case 'dim':
			return chalk.dim(text);
		case 'accent':
			return chalk.cyan(text);
		case 'changed':
			return chalk.inverse.bold(text);
		default:
			return text;
	}
}

export function bold(text: string): string {
	return chalk.bold(text);
}

export function inverse(text: string): string {
	return chalk.inverse(text);
}

export function paintSegments(segments: readonly Segment[]): string {
	let out = '';
	for (const s of segments) out += paint(s.tone, s.text);
	return out;
}
