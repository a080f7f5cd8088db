// Reading a file the operator names (or stdin as '-') with a byte cap: a plan or config is a few MB
// at most, and `</dev/zero`, a FIFO that never ends or a mistaken multi-GB file must not be read
// into memory until the process dies.
import fs from 'node:fs';

export class TooLargeError extends Error {
	constructor(readonly maxBytes: number) {
		super(`larger than ${formatBytes(maxBytes)}`);
		this.name = 'TooLargeError';
	}
}

export function formatBytes(bytes: number): string {
	return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

const CHUNK = 64 * 1024;

/** The whole of `file` ('-' = stdin) as UTF-8; TooLargeError as soon as more than `maxBytes` arrived. */
export function readTextBounded(file: string, maxBytes: number): string {
	const fd = file === '-' ? 0 : fs.openSync(file, 'r');
	try {
		const chunks: Buffer[] = [];
		let total = 0;
		for (;;) {
			const chunk = Buffer.allocUnsafe(CHUNK);
			let n: number;
			try {
				n = fs.readSync(fd, chunk, 0, CHUNK, null);
			} catch (error) {
				// stdin may be a non-blocking pipe: nothing there yet is not the end
				if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
					Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
					continue;
				}
				throw error;
			}
			if (n === 0) break;
			total += n;
			if (total > maxBytes) throw new TooLargeError(maxBytes);
			chunks.push(chunk.subarray(0, n));
		}
		return Buffer.concat(chunks, total).toString('utf8');
	} finally {
		if (fd !== 0) fs.closeSync(fd);
	}
}
