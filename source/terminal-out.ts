// The only way kcon's text reaches stdout (text mode) and stderr: every control character, ESC
// sequence, BEL, CR, DEL, C1 and bidi/zero-width character is written as a visible escape, only
// kcon's own line breaks and tabs stay. Whatever a renderer forgets to escape, nothing it prints
// can move the cursor, rewrite a line or set the terminal's title. JSON goes out exactly as
// JSON.stringify made it (writeJson), where such characters are already \u-escaped.
import {escapeControl, escapeOutput} from './terminal-safe.js';

/** Text for stdout (text mode). */
export function writeOut(text: string): boolean {
	return process.stdout.write(escapeOutput(text));
}

/** Text for stderr. */
export function writeErr(text: string): boolean {
	return process.stderr.write(escapeOutput(text));
}

/** One `kcon: …` line on stderr: a message (maybe from a broker) can never make it two lines. */
export function kconLine(message: string): boolean {
	return process.stderr.write(`kcon: ${escapeControl(message)}\n`);
}

/** A JSON document on stdout (its text is JSON.stringify's: no raw control character can be in it). */
export function writeJson(json: string): boolean {
	return process.stdout.write(json);
}

/** kcon's own terminal control (the console's alternate screen): the one raw write. */
export function writeOwnSequence(sequence: string): boolean {
	return process.stdout.write(sequence);
}
