// JSON for scripts: bigints are written as exact JSON numbers (JSON.stringify cannot).

export function toJson(value: unknown, indent = 2): string {
	return write(value, indent, '');
}

function write(value: unknown, indent: number, pad: string): string {
	if (typeof value === 'bigint') return value.toString();
	if (value === null || value === undefined) return 'null';
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
	const items = entries.map(([k, v]) => inner + JSON.stringify(k) + sep + write(v, indent, inner));
	return `{${nl}${items.join(',' + nl)}${nl}${pad}}`;
}
