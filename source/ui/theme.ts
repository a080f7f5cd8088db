// Tones -> terminal colours. One chalk instance for the console, at the level terminal-color.ts
// decides (--no-color, NO_COLOR, FORCE_COLOR, the terminal); settable, so tests force colours on.
// Every function here takes plain text and escapes it before colouring it: text from the cluster
// inside kcon's colours is shown, never obeyed (its ESC becomes `\e`). So styles do not nest:
// heading() is bold and inverse at once.
import {Chalk, supportsColor, type ChalkInstance} from 'chalk';
import {escapeControl} from '../terminal-safe.js';
import {colorLevel} from '../terminal-color.js';
import type {Segment, Tone} from '../present/cells.js';

let chalk: ChalkInstance = new Chalk({level: colorLevel(process.env, process.argv, supportsColor ? supportsColor.level : 0)});

export function setColorLevel(level: 0 | 1 | 2 | 3): void {
	chalk = new Chalk({level});
}

export function paint(tone: Tone | undefined, raw: string): string {
	if (!raw) return raw;
	const text = escapeControl(raw);
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
	return chalk.bold(escapeControl(text));
}

export function inverse(text: string): string {
	return chalk.inverse(escapeControl(text));
}

export function heading(text: string): string {
	return chalk.inverse.bold(escapeControl(text));
}

export function paintSegments(segments: readonly Segment[]): string {
	let out = '';
	for (const s of segments) out += paint(s.tone, s.text);
	return out;
}
