// JSON for scripts: bigints are written as exact JSON numbers (JSON.stringify cannot). Strings are
// JSON.stringify's, with DEL, C1 controls, bidi and zero-width characters also written as \uXXXX
// (JSON.stringify leaves them raw): the same string for a parser, inert if the JSON meets a terminal.

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function jsonString(text: string): string {
	return JSON.stringify(text).replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function toJson(value: unknown, indent = 2): string {
	return write(value, indent, '');
}

function write(value: unknown, indent: number, pad: string): string {
	if (typeof value === 'bigint') return value.toString();
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'string') return jsonString(value);
	if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	const inner = indent ? pad + ' '.repeat(indent) : '';
	const nl = indent ? '\n' : '';
	const sep = indent ? ': ' : ':';
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		const items = value.map((v) => inner + write(v, indent, inner));
		return `[${nl}${items.join(',' + nl)}${nl}${pad}]`;
	}
	const toJSON = (value as {toJSON?: () => unknown}).toJSON;
	if (typeof toJSON === 'function') return write(toJSON.call(value), indent, pad);
	const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
	if (entries.length === 0) return '{}';
	const items = entries.map(([k, v]) => inner + jsonString(k) + sep + write(v, indent, inner));
	return `{${nl}${items.join(',' + nl)}${nl}${pad}}`;
}
