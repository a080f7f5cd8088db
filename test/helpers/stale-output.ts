// tsc's incremental build (`npm run test:unit`) writes what changed but never deletes: the .js of a
// test that was moved or deleted stays in dist/ and node --test would still run it. This removes every
// emitted .js under dist/{source,test,bench} whose .ts/.tsx is gone.
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts'];

/** Removes the stale .js files under `dist` (which mirrors `root`); returns their paths. */
export function pruneStaleOutput(dist: string, root: string): string[] {
	const removed: string[] = [];
	for (const top of ['source', 'test', 'bench']) {
		const folder = path.join(dist, top);
		if (!fs.existsSync(folder)) continue;
		for (const entry of fs.readdirSync(folder, {recursive: true, withFileTypes: true})) {
			if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
			const built = path.join(entry.parentPath ?? entry.path, entry.name);
			const stem = path.join(root, path.relative(dist, built)).slice(0, -'.js'.length);
			if (SOURCE_EXTENSIONS.some((extension) => fs.existsSync(stem + extension))) continue;
			fs.rmSync(built);
			removed.push(built);
		}
	}
	return removed;
}
