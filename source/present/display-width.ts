// Terminal columns a string takes, as terminals draw it and as Ink measures it (string-width):
// per grapheme cluster, nothing for a cluster of marks, controls or format characters only, 2 for
// an emoji (emoji presentation, or any cluster with VS16 or a ZWJ between pictographs) and for an
// East Asian Wide/Fullwidth base (Hangul, CJK, kana, fullwidth forms), else 1. Text must be plain
// (escaped, not yet coloured). Tables cut and pad with these so CJK names and Hangul ids line up.

// Made on first use: creating a segmenter loads ICU's break rules (about 20 ms), which a command
// printing only ASCII never needs.
let made: Intl.Segmenter | undefined;
const segmenter = {segment: (text: string) => (made ??= new Intl.Segmenter()).segment(text)};
// a printing character: what is left when every zero-width kind is taken out
const VISIBLE = /[^\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/gu;

// East Asian Width W and F outside the emoji (Unicode 16 EastAsianWidth.txt, merged ranges)
const WIDE: ReadonlyArray<readonly [number, number]> = [
	[0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3041, 0x33ff],
	[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
	[0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
	[0x16fe0, 0x16fe4], [0x16ff0, 0x16ff1], [0x17000, 0x18cd5], [0x18d00, 0x18d08], [0x1aff0, 0x1b2fb],
	[0x1f200, 0x1f202], [0x1f210, 0x1f23b], [0x1f240, 0x1f248], [0x1f250, 0x1f251], [0x1f260, 0x1f265],
	[0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(code: number): boolean {
	let lo = 0;
	let hi = WIDE.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const [from, to] = WIDE[mid]!;
		if (code < from) hi = mid - 1;
		else if (code > to) lo = mid + 1;
		else return true;
	}
	return false;
}

/** Columns of one grapheme cluster (0, 1 or 2). */
export function clusterWidth(cluster: string): number {
	const start = cluster.search(VISIBLE);
	if (start === -1) return 0;
	const base = cluster.codePointAt(start)!;
	if (EMOJI_PRESENTATION.test(cluster)) return 2;
	if (cluster.includes('\u{fe0f}') && /\p{Extended_Pictographic}|[\d#*]/u.test(cluster)) return 2;
	if (cluster.includes('\u200d') && (cluster.match(PICTOGRAPHIC)?.length ?? 0) >= 2) return 2;
	return isWide(base) ? 2 : 1;
}

/** Terminal columns of plain text. */
export function displayWidth(text: string): number {
	// the common case, plain ASCII, needs no segmentation
	if (/^[\x20-\x7e]*$/.test(text)) return text.length;
	let width = 0;
	for (const {segment} of segmenter.segment(text)) width += clusterWidth(segment);
	return width;
}

/** `text` cut to at most `width` columns at a cluster boundary, ending in `…` when cut. */
export function truncateToWidth(text: string, width: number): string {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return text;
	if (width === 1) return '…';
	let used = 0;
	let end = 0;
	for (const {segment, index} of segmenter.segment(text)) {
		const w = clusterWidth(segment);
		if (used + w > width - 1) break;
		used += w;
		end = index + segment.length;
	}
	return text.slice(0, end) + '…';
}

/** `text` cut and padded with spaces to exactly `width` columns. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const shown = truncateToWidth(text, width);
	const pad = ' '.repeat(Math.max(0, width - displayWidth(shown)));
	return align === 'right' ? pad + shown : shown + pad;
}

/** `text` cut to at most `width` columns at a cluster boundary, without an ellipsis. */
export function cutToWidth(text: string, width: number): string {
	let used = 0;
	let end = 0;
	for (const {segment, index} of segmenter.segment(text)) {
		used += clusterWidth(segment);
		if (used > width) break;
		end = index + segment.length;
	}
	return text.slice(0, end);
}
