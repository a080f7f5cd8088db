// Text from outside (ids a client chose, hosts and racks a broker advertises, topic names, sysName,
// error text) is shown, never obeyed: every character that could drive a terminal is replaced by a
// visible escape (`\e`, `\r`, `\x07`, `\u202e`, … as `cat -v` would make it visible). JSON output is
// not touched: JSON.stringify's own escaping keeps the exact bytes.

// C0 controls, DEL, C1 controls, line/paragraph separators, bidi embeddings/overrides/isolates/marks,
// zero-width and BOM characters that could hide or reorder text.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060-\u2064\ufeff]/g;

// the same without \t and \n
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_OUTPUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060-\u2064\ufeff]/g;

const NAMED: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e'};

function escapeChar(ch: string): string {
	const named = NAMED[ch];
	if (named) return named;
	const code = ch.charCodeAt(0);
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One field as one line of plain text: every control / invisible-formatting character escaped. */
export function escapeControl(text: string): string {
	UNSAFE.lastIndex = 0;
	return UNSAFE.test(text) ? text.replace(UNSAFE, escapeChar) : text;
}

/**
 * Whole output text: as escapeControl, but kcon's own line breaks and tabs (the kafka-topics.sh
 * layout separates columns with tabs) stay. What a field could do with those is handled where the
 * fields are laid out (forText); this is the last guard before the bytes leave.
 */
export function escapeOutput(text: string): string {
	UNSAFE_IN_OUTPUT.lastIndex = 0;
	return UNSAFE_IN_OUTPUT.test(text) ? text.replace(UNSAFE_IN_OUTPUT, escapeChar) : text;
}

// The SGR sequences kcon's theme emits (chalk: reset, bold, dim, inverse and their ends, the 16
// foreground colours and default). Nothing else an ESC can start — cursor moves, erase, OSC titles,
// blink, conceal — is let through.
// eslint-disable-next-line no-control-regex
const OWN_STYLE = /\u001b\[(?:0|1|2|7|22|27|3[0-9]|9[0-7])m/y;

/**
 * Console text: as escapeOutput (line breaks stay), except the colour sequences kcon's theme
 * produces. Untrusted text gets inside kcon's colours only through the theme, which escapes it first.
 */
export function escapeStyled(text: string): string {
	UNSAFE.lastIndex = 0;
	if (!UNSAFE.test(text)) return text;
	let out = '';
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (ch === '\n') continue;
		if (ch === '\u001b') {
			OWN_STYLE.lastIndex = i;
			if (OWN_STYLE.test(text)) {
				i = OWN_STYLE.lastIndex - 1;
				continue;
			}
		}
		UNSAFE.lastIndex = 0;
		if (!UNSAFE.test(ch)) continue;
		out += text.slice(from, i) + escapeChar(ch);
		from = i + 1;
	}
	return out + text.slice(from);
}

/**
 * Plain data (objects, arrays, Maps) with every string — keys of Maps and records too — passed
 * through escapeControl, for the text renderers: they lay out and measure the escaped strings, so
 * columns stay aligned and a field can never break a line. Copy on write: what has nothing to
 * escape is returned as it is (the common case costs no allocation); the input is never changed.
 * Numbers, bigints, booleans, null and class instances other than Map are kept.
 */
export function forText<T>(data: T): T {
	return shown(data) as T;
}

function shown(value: unknown): unknown {
	if (typeof value === 'string') return escapeControl(value);
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		let out: unknown[] | undefined;
		for (let i = 0; i < value.length; i++) {
			const v = shown(value[i]);
			if (v !== value[i]) (out ??= value.slice())[i] = v;
		}
		return out ?? value;
	}
	if (value instanceof Map) {
		let changed = false;
		const entries = [...value].map(([k, v]) => {
			const e = [shown(k), shown(v)];
			changed ||= e[0] !== k || e[1] !== v;
			return e as [unknown, unknown];
		});
		return changed ? new Map(entries) : value;
	}
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return value;
	let out: Record<string, unknown> | undefined;
	const record = value as Record<string, unknown>;
	for (const k of Object.keys(record)) {
		const key = escapeControl(k);
		const v = shown(record[k]);
		if (key === k && v === record[k]) continue;
		out ??= {...record};
		if (key !== k) delete out[k];
		out[key] = v;
	}
	return out ?? value;
}
