// `kcon … | head -c0`, `kcon … | true`: the reader went away. Node reports that as an 'error'
// event on process.stdout/stderr (EPIPE), which unhandled becomes a stack trace. A closed pipe is
// the reader's choice, not a failure: further output is dropped and the command ends as it would
// have (its own exit code, 0 when it succeeded; `kcon tail` stops reading when stdout closes).
import {kconLine} from './terminal-out.js';

export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
	let reported = false;
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
		// anything else (disk full behind a redirect…) is a real failure: say so once
		if (reported) return;
		reported = true;
		process.exitCode = 1;
		if (stream !== process.stderr) kconLine(`cannot write output: ${error.message}`);
	});
}
