// Draws a table window as lines of text: only the visible rows are touched (virtualised), each
// line exactly `width` columns wide. Pure; the Ink component prints the lines.
// Text from the cluster is escaped here, before it is measured and coloured (fit, clip, drawCell):
// widths are those of what is shown, and no id or name can move the cursor or set a title.
import {cellText, rowBody, type Cell, type Column, type Row, type Segment, type Tone} from '../present/cells.js';
import {displayWidth, padToWidth, truncateToWidth} from '../present/display-width.js';
import {escapeControl} from '../terminal-safe.js';
import {bold, inverse, paint} from './theme.js';

/** Column widths that fit `width` (1 space between columns): fixed first, then flex shares. */
export function layoutColumns(columns: readonly Column[], width: number): number[] {
	const gaps = Math.max(0, columns.length - 1);
	const widths = columns.map((c) => c.width ?? c.min ?? 4);
	let used = widths.reduce((a, b) => a + b, 0) + gaps;
	const flexTotal = columns.reduce((a, c) => a + (c.width === undefined ? (c.flex ?? 1) : 0), 0);
	if (used < width && flexTotal > 0) {
		const spare = width - used;
		let given = 0;
		columns.forEach((c, i) => {
			if (c.width !== undefined) return;
			const share = Math.floor((spare * (c.flex ?? 1)) / flexTotal);
			widths[i]! += share;
			given += share;
		});
		// leftover to the first flex column
		const first = columns.findIndex((c) => c.width === undefined);
		if (first >= 0) widths[first]! += spare - given;
		used = width;
	}
	// too narrow: shrink from the right, never below 1
	for (let i = columns.length - 1; used > width && i >= 0; i--) {
		const cut = Math.min(widths[i]! - 1, used - width);
		widths[i]! -= cut;
		used -= cut;
	}
	return widths;
}

/** Text escaped, cut and padded to exactly `width` terminal columns (display width, as Ink measures). */
export function fit(raw: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	return padToWidth(escapeControl(raw), width, align);
}

/** Text escaped, truncated to `width` columns with an ellipsis (no padding). */
export function clip(raw: string, width: number): string {
	return truncateToWidth(escapeControl(raw), Math.max(0, width));
}

function segmentsOf(cell: Cell): Segment[] {
	const segments = typeof cell === 'string' ? [{text: cell}] : Array.isArray(cell) ? cell : [cell];
	return segments.map((s) => ({...s, text: escapeControl(s.text)}));
}

/** One cell, truncated/padded to `width`, coloured per segment (plain when `plain`). */
function drawCell(cell: Cell, width: number, align: 'left' | 'right', rowTone: Tone | undefined, plain: boolean): string {
	const segs = segmentsOf(cell);
	const text = cellText(segs);
	if (plain) return fit(text, width, align);
	// the shown text is a prefix of the cell's text (and maybe `…`): cut it along the segments to
	// keep their colours, pad the rest
	const shown = truncateToWidth(text, width);
	const pad = ' '.repeat(Math.max(0, width - displayWidth(shown)));
	let out = align === 'right' ? pad : '';
	let pos = 0;
	for (const s of segs) {
		if (pos >= shown.length) break;
		out += paint(s.tone ?? rowTone, shown.slice(pos, Math.min(shown.length, pos + s.text.length)));
		pos += s.text.length;
	}
	if (pos < shown.length) out += shown.slice(pos);
	return align === 'right' ? out : out + pad;
}

export function headerLine(columns: readonly Column[], widths: readonly number[], sort: number | null, reverse = false): string {
	return bold(
		columns
			.map((c, i) => {
				const title = sort === i ? `${c.numeric !== reverse ? '↓' : '↑'}${c.title}` : c.title;
				return fit(title, widths[i]!, c.align);
			})
			.join(' '),
	);
}

export function rowLine(row: Row, columns: readonly Column[], widths: readonly number[], selected: boolean): string {
	const {cells, tone} = rowBody(row);
	if (selected) {
		const plain = columns.map((c, i) => drawCell(cells[i] ?? '', widths[i]!, c.align ?? 'left', undefined, true)).join(' ');
		return inverse(plain);
	}
	return columns.map((c, i) => drawCell(cells[i] ?? '', widths[i]!, c.align ?? 'left', tone, false)).join(' ');
}

// the lines drawn in this frame and the one before, per row: between two keypresses most visible
// rows are the same rows at the same widths, and a row's line is a function of the row, the widths
// and whether it is selected (a refresh builds new rows, so a changed value is a new row)
let linesNow = new Map<Row, {widths: string; selected: boolean; line: string}>();
let linesBefore = new Map<Row, {widths: string; selected: boolean; line: string}>();

function keptRowLine(row: Row, columns: readonly Column[], widths: readonly number[], widthsKey: string, selected: boolean): string {
	const kept = linesNow.get(row) ?? linesBefore.get(row);
	const line = kept && kept.widths === widthsKey && kept.selected === selected ? kept.line : rowLine(row, columns, widths, selected);
	linesNow.set(row, {widths: widthsKey, selected, line});
	return line;
}

/** The visible lines of a table: rows[offset, offset+height), the cursor row in reverse video. */
export function tableLines(
	columns: readonly Column[],
	rows: readonly Row[],
	opts: {width: number; height: number; offset: number; cursor: number; sort: number | null; reverse?: boolean},
): {header: string; lines: string[]} {
	const widths = layoutColumns(columns, opts.width);
	const widthsKey = `${columns.map((c) => c.align ?? 'left').join(',')}|${widths.join(',')}`;
	const before = linesBefore;
	linesBefore = linesNow;
	linesNow = before;
	linesNow.clear();
	const lines: string[] = [];
	const end = Math.min(rows.length, opts.offset + opts.height);
	for (let i = opts.offset; i < end; i++) lines.push(keptRowLine(rows[i]!, columns, widths, widthsKey, i === opts.cursor));
	return {header: headerLine(columns, widths, opts.sort, opts.reverse), lines};
}
