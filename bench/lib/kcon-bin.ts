// The command a user's `kcon` runs: the package's bin entry (the bundle, dist/bundle/bin.js), so
// every step times what is installed rather than the compiled files the tests drive.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {bin: {kcon: string}};

/** Absolute path of the installed command's entry. */
export const kconBin = path.join(root, manifest.bin.kcon);
