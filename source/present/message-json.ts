// kcat -J compatible JSON lines for `kcon tail -o json`:
// {"topic","partition","offset","tstype","ts","broker","headers"?,"key","payload"}.
// headers (only when the message has some) is kcat's flat array [name, value, name, value, …].
// A key, payload or header value that is not valid UTF-8 is written as base64 and flagged with
// "keyEncoding" / "payloadEncoding" / "headersEncoding": "base64".
import {isUtf8} from 'node:buffer';
import type {TailRecord} from '../domain/tail.js';

function str(bytes: Buffer): string {
	return JSON.stringify(bytes.toString('utf8'));
}

export function messageJsonLine(r: TailRecord): string {
	let line = `{"topic":${JSON.stringify(r.topic)},"partition":${r.partition},"offset":${r.offset},"tstype":"${r.timestampType}","ts":${r.timestamp},"broker":${r.broker}`;
	let extra = '';
	if (r.headers.length > 0) {
		const binary = r.headers.some((h) => h.value !== null && !isUtf8(h.value));
		const parts: string[] = [];
		for (const h of r.headers) {
			parts.push(JSON.stringify(h.key));
			parts.push(h.value === null ? 'null' : binary ? `"${h.value.toString('base64')}"` : str(h.value));
		}
		line += `,"headers":[${parts.join(',')}]`;
		if (binary) extra += ',"headersEncoding":"base64"';
	}
	if (r.key === null) {
		line += ',"key":null';
	} else if (isUtf8(r.key)) {
		line += `,"key":${str(r.key)}`;
	} else {
		line += `,"key":"${r.key.toString('base64')}"`;
		extra += ',"keyEncoding":"base64"';
	}
	if (r.value === null) {
		line += ',"payload":null';
	} else if (isUtf8(r.value)) {
		line += `,"payload":${str(r.value)}`;
	} else {
		line += `,"payload":"${r.value.toString('base64')}"`;
		extra += ',"payloadEncoding":"base64"';
	}
	return line + extra + '}';
}
