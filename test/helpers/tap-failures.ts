// The spec reporter's own failure list is long (every stack) and scrolls out of a CI log's tail; the
// runner also writes TAP to a file and ends with one line per failed test read from it, so the last
// lines of any log name what failed. Only tests that failed themselves are listed: a parent that
// failed because a subtest did ("subtestsFailed") would repeat its child.

export type TapFailure = {name: string; location: string; error: string};

const NOT_OK = /^(\s*)not ok \d+ - (.*)$/;

function yamlValue(line: string): string {
	const value = line.slice(line.indexOf(':') + 1).trim();
	if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replaceAll("''", "'");
	if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replaceAll('\\"', '"').replaceAll('\\\\', '\\');
	return value;
}

/** The tests that failed themselves, in TAP order, with their file:line and first error line. */
export function tapFailures(tap: string): TapFailure[] {
	const lines = tap.split('\n');
	const failures: TapFailure[] = [];
	for (let index = 0; index < lines.length; index++) {
		const match = NOT_OK.exec(lines[index]!);
		if (!match) continue;
		const indent = match[1]!.length + 2;
		let location = '';
		let error = '';
		let type = '';
		// the YAML block that follows, at two more spaces of indentation, ends with "..."
		for (let at = index + 1; at < lines.length; at++) {
			const line = lines[at]!;
			const trimmed = line.trim();
			if (trimmed === '...' || NOT_OK.test(line)) break;
			if (line.length - line.trimStart().length !== indent) continue;
			if (trimmed.startsWith('location:')) location = yamlValue(trimmed);
			else if (trimmed.startsWith('failureType:')) type = yamlValue(trimmed);
			else if (trimmed.startsWith('error:')) {
				const value = yamlValue(trimmed);
				// a multi-line message is a block scalar: its first line follows
				error = value === '|-' || value === '|' || value === '>-' ? (lines[at + 1] ?? '').trim() : value;
			}
		}
		if (type === 'subtestsFailed') continue;
		failures.push({name: match[2]!.replaceAll('\\#', '#'), location, error});
	}
	return failures;
}
