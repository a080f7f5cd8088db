// Printing untrusted bytes safely: a payload must never drive the terminal.
import {isUtf8} from 'node:buffer';

import {escapeControl} from '../terminal-safe.js';

export {escapeControl};

/** Bytes as safe one-line text: valid UTF-8 is decoded and escaped, anything else shows bytes as \xNN. */
export function safeText(bytes: Buffer): string {
	if (isUtf8(bytes)) return escapeControl(bytes.toString('utf8'));
	let out = '';
	for (const b of bytes) {
		out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
	}
	return out;
}

/** JSON text with whitespace outside strings removed; numbers and strings kept byte for byte. null if not JSON. */
export function compactJson(text: string): string | null {
	const t = text.trim();
	const first = t[0];
	if (first !== '{' && first !== '[') return null;
	try {
		JSON.parse(t);
	} catch {
		return null;
	}
	let out = '';
	let inString = false;
	for (let i = 0; i < t.length; i++) {
		const ch = t[i]!;
		if (inString) {
			out += ch;
			if (ch === '\\') {
				out += t[++i] ?? '';
			} else if (ch === '"') {
				inString = false;
			}
		} else if (ch === '"') {
			inString = true;
			out += ch;
		} else if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') {
			out += ch;
		}
	}
	return out;
}
