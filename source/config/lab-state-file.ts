// The text of the lab's state file (<stateDir>/lab/state.json). kcon writes it, so it is a few KB;
// but KCON_STATE_DIR is the operator's to point anywhere, and a state.json that is a FIFO or a
// runaway file must be one refusal, not a read that never ends.
import {UsageError} from '../errors.js';
import {NotRegularFileError, readRegularFileBounded, TooLargeError} from './bounded-read.js';

/** a lab of many nodes and agents still writes well under this */
const MAX_LAB_STATE_BYTES = 1024 * 1024;

/** The file's text, or undefined when there is none to read (no lab was brought up). */
export function readLabStateText(file: string): string | undefined {
	try {
		return readRegularFileBounded(file, MAX_LAB_STATE_BYTES);
	} catch (error) {
		if (error instanceof TooLargeError) throw new UsageError(`the lab state file ${file} is ${error.message}; kcon writes a few KB there`);
		if (error instanceof NotRegularFileError) throw new UsageError(`the lab state file ${file} is not a regular file`);
		return undefined;
	}
}
