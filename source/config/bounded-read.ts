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

export class NotRegularFileError extends Error {
	constructor() {
		super('not a regular file');
		this.name = 'NotRegularFileError';
	}
}

const CHUNK = 64 * 1024;

/** The whole of `file` ('-' = stdin) as UTF-8; TooLargeError as soon as more than `maxBytes` arrived. */
export function readTextBounded(file: string, maxBytes: number): string {
	const fd = file === '-' ? 0 : fs.openSync(file, 'r');
	try {
		return readFd(fd, maxBytes);
	} finally {
		if (fd !== 0) fs.closeSync(fd);
	}
}

/**
 * The whole of `file`, which must be a regular file (or a link to one), as UTF-8. A file kcon also
 * rewrites (the config file) or writes itself (the lab's state) is never a device or a pipe: one is
 * NotRegularFileError at once, where reading it would wait for a writer that may never come (a FIFO)
 * or for an end that never comes (/dev/zero). O_NONBLOCK keeps the open of a FIFO from waiting for a
 * writer; on a regular file it changes nothing.
 */
export function readRegularFileBounded(file: string, maxBytes: number): string {
	const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
	try {
		const stat = fs.fstatSync(fd);
		if (!stat.isFile()) throw new NotRegularFileError();
		if (stat.size > maxBytes) throw new TooLargeError(maxBytes);
		// still bounded while reading: the file may grow between the stat and the read
		return readFd(fd, maxBytes);
	} finally {
		fs.closeSync(fd);
	}
}

function readFd(fd: number, maxBytes: number): string {
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
}
