// Ink builds every frame from scratch: its Output step turns each line of text into one object per
// character (a grapheme split, an ANSI tokenizer, a styles array per character), lays them on a
// width × height grid of fresh cells and serialises the grid back to a string. That was most of a
// console frame's CPU, yet between two keypresses almost every row of the screen is the same text
// at the same place (the cursor moved, the window slid by one row).
//
// This replaces Output#get with one that gives the same string, row by row: a row's text is a pure
// function of the frame width and of what was written into it (the x and the text of each write, in
// order), so it is kept from one frame to the next; a row not seen in the last two frames is built
// anew. A row of one write of printable ASCII and SGR colour codes (every table row) is built
// without the character grid: its text runs keep their style, so Ink's own Output serialises the
// "skeleton" (the escape codes with one placeholder per text run), kept per colour pattern, and the
// runs go back in place of the placeholders. Any other row goes through Ink's own code on a
// one-row grid; a frame with clipping (overflow: hidden) goes through Ink's own code whole.
//
// Output is Ink's internal module: the patch is applied only to the Ink version it was checked
// against (tests compare it with Ink's own get on many frames); another version renders unpatched.
import fs from 'node:fs';

interface WriteOp {
	type: 'write';
	x: number;
	y: number;
	text: string;
	transformers: Array<(line: string, index: number) => string>;
}
type Operation = WriteOp | {type: 'clip'; clip: unknown} | {type: 'unclip'};

interface OutputLike {
	width: number;
	height: number;
	operations: Operation[];
	get(): {output: string; height: number};
}
type OutputClass = new (options: {width: number; height: number}) => OutputLike;

/** The Ink versions whose Output#get this reproduces. */
const CHECKED = /^6\.8\./;

const inkEntry = import.meta.resolve('ink');
const inkVersion = (JSON.parse(fs.readFileSync(new URL('../package.json', inkEntry), 'utf8')) as {version: string}).version;
/** Ink's Output class (the frame's character grid). */
export const Output = ((await import(new URL('./output.js', inkEntry).href)) as {default: OutputClass}).default;

/** Ink's own Output#get. */
export const inkGet: (this: OutputLike) => {output: string; height: number} = Output.prototype.get;

// rows of this frame and of the one before (a row kept longer would be memory for nothing: the
// screen has `height` rows)
let rowsNow = new Map<string, string>();
let rowsBefore = new Map<string, string>();
// the serialised skeleton of each colour pattern seen, bounded: table rows share a handful
const skeletons = new Map<string, string[]>();
const SKELETON_LIMIT = 2000;

// printable ASCII and SGR sequences only: each character is one grapheme of width 1 and the
// escape codes are tokenized the same with or without the text between them
const SIMPLE = /^(?:[\x20-\x7e]|\x1b\[[0-9;]*m)*$/;
const SGR = /\x1b\[[0-9;]*m/g;
// what Ink's serialisation emits around the placeholders: escape codes and the placeholders
const PLACEHOLDER = 'x';

function oneRowInk(width: number, writes: readonly (number | string)[]): string {
	const out = new Output({width, height: 1});
	for (let i = 0; i < writes.length; i += 2) {
		out.operations.push({type: 'write', x: writes[i] as number, y: 0, text: writes[i + 1] as string, transformers: []});
	}
	return inkGet.call(out).output;
}

/** The pieces of Ink's serialisation of a skeleton, split at its placeholders (runs + 1 pieces). */
function skeletonPieces(width: number, skeleton: string): string[] {
	let pieces = skeletons.get(skeleton);
	if (pieces) return pieces;
	// the skeleton's placeholders are ASCII like the runs they stand for; its codes hold no 'x'
	pieces = oneRowInk(Math.max(width, skeleton.length), [0, skeleton]).split(PLACEHOLDER);
	if (skeletons.size >= SKELETON_LIMIT) skeletons.clear();
	skeletons.set(skeleton, pieces);
	return pieces;
}

/** A row of one write at 0 ≤ x ≤ width of printable ASCII and SGR codes, as Ink serialises it. */
function simpleRow(width: number, x: number, line: string): string {
	const runs: string[] = [];
	let skeleton = '';
	let last = 0;
	SGR.lastIndex = 0;
	for (let m = SGR.exec(line); m; m = SGR.exec(line)) {
		if (m.index > last) {
			runs.push(line.slice(last, m.index));
			skeleton += PLACEHOLDER;
		}
		skeleton += m[0];
		last = m.index + m[0].length;
	}
	if (last < line.length) {
		runs.push(line.slice(last));
		skeleton += PLACEHOLDER;
	}
	if (runs.length === 0) return '';
	const pieces = skeletonPieces(width, skeleton);
	// Ink's trailing blanks and its trimEnd: trimming the whole row removes the same
	let row = ' '.repeat(x) + pieces[0]!;
	for (let i = 0; i < runs.length; i++) row += runs[i]! + pieces[i + 1]!;
	return row.trimEnd();
}

function rowText(width: number, writes: readonly (number | string)[]): string {
	if (writes.length === 0) return '';
	// unambiguous: numbers hold no NUL, and every text but a single row's last is length-prefixed
	let key = `${width}\u0000${writes.length}`;
	for (let i = 0; i < writes.length; i += 2) {
		const text = writes[i + 1] as string;
		key += `\u0000${writes[i]}\u0000${i + 2 < writes.length ? `${text.length}:` : ''}${text}`;
	}
	let row = rowsNow.get(key) ?? rowsBefore.get(key);
	if (row === undefined) {
		const x = writes[0] as number;
		const line = writes[1] as string;
		row = writes.length === 2 && Number.isInteger(x) && x >= 0 && x <= width && SIMPLE.test(line) ? simpleRow(width, x, line) : oneRowInk(width, writes);
	}
	rowsNow.set(key, row);
	return row;
}

/** Output#get, row by row and kept across frames; the same string as Ink's. */
export function cachedGet(this: OutputLike): {output: string; height: number} {
	if (this.operations.some((op) => op.type !== 'write')) return inkGet.call(this);
	// what lands in each row, in order: x, line, x, line, … (as Ink's get places them: a text that
	// starts outside the grid writes nothing, lines past its bottom are dropped)
	const perRow: (number | string)[][] = [];
	for (let y = 0; y < this.height; y++) perRow.push([]);
	for (const op of this.operations as WriteOp[]) {
		const lines = op.text.split('\n');
		let offsetY = 0;
		for (let index = 0; index < lines.length; index++) {
			const target = perRow[op.y + offsetY];
			if (!target) continue;
			let line = lines[index]!;
			for (const transformer of op.transformers) line = transformer(line, index);
			// an empty line places no character
			if (line) target.push(op.x, line);
			offsetY++;
		}
	}
	const before = rowsBefore;
	rowsBefore = rowsNow;
	rowsNow = before;
	rowsNow.clear();
	let output = '';
	for (let y = 0; y < perRow.length; y++) output += (y ? '\n' : '') + rowText(this.width, perRow[y]!);
	return {output, height: perRow.length};
}

export const patched = CHECKED.test(inkVersion);
if (patched) Output.prototype.get = cachedGet;
