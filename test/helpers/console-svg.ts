// Terminal text with ANSI SGR colours (tmux capture-pane -e) -> a standalone SVG image.
// Pure; used by `npm run screenshots`. Handles what terminals send for colour and weight:
// 0 reset, 1 bold, 2 dim, 7 reverse, 22/27 off, 30–37/90–97 fg, 40–47/100–107 bg, 39/49 default,
// 38;5;n / 48;5;n (256 colours) and 38;2;r;g;b / 48;2;r;g;b (true colour). Other escapes are dropped.

export interface SvgOptions {
	cols: number;
	rows: number;
	cellWidth?: number;
	lineHeight?: number;
	fontSize?: number;
	title?: string;
	/**
	 * Collapse the blank rows between the last content and the bottom rows (the console's footer)
	 * into one: the console fills the terminal's height, and an image shows content, not the
	 * empty rows of a tall terminal.
	 */
	trimBlankRows?: boolean;
}

/**
 * Monospace fonts with the box-drawing and arrow glyphs the console uses: DejaVu Sans Mono (most
 * Linux), Menlo (macOS), Cascadia Mono (Windows 10/11's terminal font), then Consolas and Liberation
 * Mono, which lack some of them. The bars ▁…█ are drawn as boxes and need no font; every text run
 * has its cells' width (textLength), so a fallback font cannot shift the columns.
 */
export const FONT_STACK = "'DejaVu Sans Mono','Menlo','Cascadia Mono','Consolas','Liberation Mono',monospace";

interface Style {
	fg: string | null;
	bg: string | null;
	bold: boolean;
	dim: boolean;
	inverse: boolean;
}

const palette = [
	'#1e1e1e', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
	'#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
];
const defaultFg = '#d4d4d4';
const defaultBg = '#1e1e1e';

function color256(n: number): string {
	if (n < 16) return palette[n]!;
	if (n >= 232) {
		const v = 8 + (n - 232) * 10;
		return `rgb(${v},${v},${v})`;
	}
	const i = n - 16;
	const c = (x: number) => (x === 0 ? 0 : 55 + x * 40);
	return `rgb(${c(Math.floor(i / 36))},${c(Math.floor(i / 6) % 6)},${c(i % 6)})`;
}

function applySgr(style: Style, params: number[]): Style {
	const s = {...style};
	if (params.length === 0) params = [0];
	for (let i = 0; i < params.length; i++) {
		const p = params[i]!;
		if (p === 0) Object.assign(s, {fg: null, bg: null, bold: false, dim: false, inverse: false});
		else if (p === 1) s.bold = true;
		else if (p === 2) s.dim = true;
		else if (p === 7) s.inverse = true;
		else if (p === 22) s.bold = s.dim = false;
		else if (p === 27) s.inverse = false;
		else if (p >= 30 && p <= 37) s.fg = palette[p - 30]!;
		else if (p >= 90 && p <= 97) s.fg = palette[p - 90 + 8]!;
		else if (p === 39) s.fg = null;
		else if (p >= 40 && p <= 47) s.bg = palette[p - 40]!;
		else if (p >= 100 && p <= 107) s.bg = palette[p - 100 + 8]!;
		else if (p === 49) s.bg = null;
		else if ((p === 38 || p === 48) && params[i + 1] === 5) {
			const c = color256(params[i + 2] ?? 0);
			if (p === 38) s.fg = c;
			else s.bg = c;
			i += 2;
		} else if ((p === 38 || p === 48) && params[i + 1] === 2) {
			const c = `rgb(${params[i + 2] ?? 0},${params[i + 3] ?? 0},${params[i + 4] ?? 0})`;
			if (p === 38) s.fg = c;
			else s.bg = c;
			i += 4;
		}
	}
	return s;
}

export interface Run {
	col: number;
	text: string;
	style: Style;
}

/** Splits one line of terminal output into styled runs; `style` carries over between lines. */
export function parseAnsiLine(line: string, style: Style): {runs: Run[]; style: Style} {
	const runs: Run[] = [];
	let col = 0;
	let text = '';
	let start = 0;
	const flush = () => {
		if (text) runs.push({col: start, text, style});
		text = '';
		start = col;
	};
	for (let i = 0; i < line.length; ) {
		const ch = line[i]!;
		if (ch === '\x1b') {
			const m = /^\x1b\[([0-9;:]*)([A-Za-z])/.exec(line.slice(i));
			if (m) {
				if (m[2] === 'm') {
					flush();
					style = applySgr(style, m[1] ? m[1].split(/[;:]/).map((x) => Number(x || 0)) : []);
				}
				i += m[0].length;
				continue;
			}
			const osc = /^\x1b\][^\x07]*(\x07|\x1b\\)/.exec(line.slice(i));
			i += osc ? osc[0].length : 1;
			continue;
		}
		const cp = line.codePointAt(i)!;
		const s = String.fromCodePoint(cp);
		if (!text) start = col;
		text += s;
		col++;
		i += s.length;
	}
	flush();
	return {runs, style};
}

/** A row without visible text and without a background colour. */
function blankRow(line: string): boolean {
	const {runs} = parseAnsiLine(line, {fg: null, bg: null, bold: false, dim: false, inverse: false});
	return runs.every((r) => r.text.trim() === '' && !r.style.bg && !r.style.inverse);
}

/** `lines` with the last run of two or more blank rows (before the bottom rows) cut to one. */
export function collapseBottomGap(lines: string[]): string[] {
	let end = lines.length;
	while (end > 0 && blankRow(lines[end - 1]!)) end--; // trailing blank rows go entirely
	let bottom = end;
	while (bottom > 0 && !blankRow(lines[bottom - 1]!)) bottom--;
	let gapStart = bottom;
	while (gapStart > 0 && blankRow(lines[gapStart - 1]!)) gapStart--;
	// no gap, or the rows above it are blank too (an empty screen): nothing to cut
	if (bottom - gapStart < 2 || gapStart === 0) return lines.slice(0, end);
	// the cut rows' colour changes carry over to the rows after them, as they would have
	const carried = lines.slice(gapStart + 1, bottom).flatMap((line) => line.match(/\x1b\[[0-9;:]*m/g) ?? []).join('');
	return [...lines.slice(0, gapStart + 1), carried + lines[bottom]!, ...lines.slice(bottom + 1, end)];
}

/** ▁ … █: one to eight eighths of a cell, from the bottom */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

function xml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function ansiToSvg(ansi: string, options: SvgOptions): string {
	const cw = options.cellWidth ?? 8.4;
	const lh = options.lineHeight ?? 18;
	const fs = options.fontSize ?? 14;
	const pad = 12;
	const captured = ansi.replace(/\r/g, '').split('\n').slice(0, options.rows);
	const lines = options.trimBlankRows ? collapseBottomGap(captured) : captured;
	const rows = options.trimBlankRows ? lines.length : options.rows;
	const width = Math.ceil(options.cols * cw + pad * 2);
	const height = Math.ceil(rows * lh + pad * 2);
	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_STACK}" font-size="${fs}">`,
	);
	if (options.title) out.push(`<title>${xml(options.title)}</title>`);
	out.push(`<rect width="100%" height="100%" fill="${defaultBg}" rx="6"/>`);
	let style: Style = {fg: null, bg: null, bold: false, dim: false, inverse: false};
	const texts: string[] = [];
	lines.forEach((line, row) => {
		const parsed = parseAnsiLine(line, style);
		style = parsed.style;
		const y = pad + row * lh;
		for (const run of parsed.runs) {
			let fg = run.style.fg ?? defaultFg;
			let bg = run.style.bg;
			if (run.style.inverse) {
				const f = fg;
				fg = bg ?? defaultBg;
				bg = f;
			}
			const x = pad + run.col * cw;
			const chars = [...run.text];
			const len = chars.length;
			if (bg) out.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${(len * cw).toFixed(1)}" height="${lh}" fill="${bg}"/>`);
			// the sparklines' and charts' bars are drawn as boxes of their cell: as glyphs they leave
			// a gap between stacked rows (the line is taller than the font) and depend on the font;
			// crisp edges keep side-by-side bars from showing anti-aliased seams
			const opacity = run.style.dim ? ' opacity="0.6"' : '';
			chars.forEach((ch, i) => {
				const eighths = BLOCKS.indexOf(ch) + 1;
				if (eighths === 0) return;
				const h = (lh * eighths) / 8;
				texts.push(`<rect x="${(x + i * cw).toFixed(1)}" y="${(y + lh - h).toFixed(2)}" width="${cw.toFixed(1)}" height="${h.toFixed(2)}" fill="${fg}"${opacity} shape-rendering="crispEdges"/>`);
			});
			const text = chars.map((ch) => (BLOCKS.includes(ch) ? ' ' : ch)).join('');
			if (text.trim() === '') continue;
			const attrs = [`x="${x.toFixed(1)}"`, `y="${y + lh - 5}"`, `fill="${fg}"`];
			if (run.style.bold) attrs.push('font-weight="bold"');
			if (run.style.dim) attrs.push('opacity="0.6"');
			attrs.push(`textLength="${(len * cw).toFixed(1)}"`, 'lengthAdjust="spacingAndGlyphs"');
			texts.push(`<text ${attrs.join(' ')} xml:space="preserve">${xml(text)}</text>`);
		}
	});
	out.push(...texts, '</svg>');
	return out.join('\n') + '\n';
}
