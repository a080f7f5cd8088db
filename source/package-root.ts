// The package's own directory (package.json, lab/, dist/): the nearest directory above the running
// file that holds a package.json. A fixed number of levels would not do: the same code runs from
// dist/source/… (compiled file by file) and from the one bundled command in dist/bundle/, at other
// depths, in the repository and in an installed package alike. Only node: modules, since
// `kcon --version` asks for it before anything else is loaded.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
	if (root !== undefined) return root;
	let dir = path.dirname(fileURLToPath(import.meta.url));
	while (!fs.existsSync(path.join(dir, 'package.json'))) {
		const up = path.dirname(dir);
		if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
		dir = up;
	}
	root = dir;
	return root;
}
