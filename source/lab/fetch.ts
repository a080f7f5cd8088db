// Apache Kafka from Maven Central: lab/pom.xml + `mvn dependency:copy-dependencies` into a
// per-version cache (<cacheDir>/kafka/<version>/libs), reused when complete.
import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {cacheDir} from '../config/paths.js';
import {KconError, UsageError} from '../errors.js';
import {writeErr} from '../terminal-out.js';
import {packageRoot} from '../package-root.js';

/** Newest 4.x that Maven Central has when this was written. */
export const DEFAULT_KAFKA_VERSION = '4.4.0';

/** The package's lab/ folder (pom.xml and logging configs). */
export function labAssetsDir(): string {
	return path.join(packageRoot(), 'lab');
}

export interface KafkaInstall {
	version: string;
	home: string;
	libs: string;
	classpath: string;
	/** -Dlog4j2.configurationFile=… (4.x) or -Dlog4j.configuration=file:… (3.x): servers log INFO to stdout */
	loggingFlag: string;
	/** the same for Kafka's CLIs: WARN to stderr */
	toolLoggingFlag: string;
	/** where `lab fetch` compiles lab/streams/LabStreams.java (absent when no javac was found) */
	streamsClasses: string;
}

export function kafkaMajor(version: string): number {
	return Number(version.split('.')[0]);
}

export function checkVersion(version: string): void {
	if (!/^\d+\.\d+\.\d+$/.test(version)) throw new UsageError(`--kafka must be a version like 4.2.1, not '${version}'`);
	const major = kafkaMajor(version);
	if (major < 3 || (major === 3 && Number(version.split('.')[1]) < 9)) {
		throw new UsageError(`--kafka ${version}: the lab runs KRaft with a dynamic quorum, which needs Kafka 3.9 or newer`);
	}
}

export function installOf(version: string): KafkaInstall {
	const home = path.join(cacheDir(), 'kafka', version);
	const libs = path.join(home, 'libs');
	const v4 = kafkaMajor(version) >= 4;
	const config = (name: string) => path.join(home, 'config', `${name}.properties`);
	const flag = (name: string) =>
		v4 ? `-Dlog4j2.configurationFile=${config(name)}` : `-Dlog4j.configuration=file:${config(name)}`;
	return {
		version,
		home,
		libs,
		classpath: path.join(libs, '*'),
		loggingFlag: flag(v4 ? 'log4j2' : 'log4j'),
		toolLoggingFlag: flag(v4 ? 'log4j2-tools' : 'log4j-tools'),
		streamsClasses: labStreamsClassesDir(home),
	};
}

export function requireTool(command: string, fix: string): void {
	const result = spawnSync(command, ['-version'], {stdio: 'ignore'});
	if (result.error) throw new KconError(`${command} is not installed or not on PATH: ${fix}`);
}

/** Fetch (or reuse) Kafka `version`; progress goes to `log` (stderr by default). */
export async function fetchKafka(
	version: string,
	log: (line: string) => void = (line) => writeErr(line + '\n'),
): Promise<KafkaInstall> {
	checkVersion(version);
	const install = installOf(version);
	const done = path.join(install.home, '.complete');
	const assets = labAssetsDir();
	fs.mkdirSync(path.join(install.home, 'config'), {recursive: true});
	// logging configs are refreshed every time (cheap; follows edits to lab/)
	for (const file of ['log4j2.properties', 'log4j.properties', 'log4j2-tools.properties', 'log4j-tools.properties']) {
		fs.copyFileSync(path.join(assets, file), path.join(install.home, 'config', file));
	}
	const complete = fs.existsSync(done) && fs.existsSync(install.libs);
	if (complete && hasStreamsJar(install)) {
		compileLabStreams(install, log);
		return install;
	}

	requireTool('mvn', 'install Maven (Debian: apt-get install maven) — the lab fetches Kafka from Maven Central with it');
	fs.copyFileSync(path.join(assets, 'pom.xml'), path.join(install.home, 'pom.xml'));
	// a complete cache from before kafka-streams was in lab/pom.xml only gains jars: labs running
	// on it keep their classpath while Maven adds the missing ones
	if (!complete) fs.rmSync(install.libs, {recursive: true, force: true});
	log(`kcon: fetching Apache Kafka ${version} from Maven Central into ${install.libs}`);
	const args = [
		'-B',
		'-f',
		path.join(install.home, 'pom.xml'),
		`-Dkafka.version=${version}`,
		...(kafkaMajor(version) >= 4 ? [] : ['-Pkafka3']),
		'dependency:copy-dependencies',
		`-DoutputDirectory=${install.libs}`,
	];
	const tail: string[] = [];
	let downloaded = 0;
	let metadata = 0;
	const code = await new Promise<number>((resolve, reject) => {
		const child = spawn('mvn', args, {cwd: install.home, stdio: ['ignore', 'pipe', 'pipe']});
		let buffer = '';
		const onData = (chunk: Buffer) => {
			buffer += chunk.toString();
			let nl;
			while ((nl = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, nl).replace(/\x1b\[[0-9;]*m/g, '');
				buffer = buffer.slice(nl + 1);
				tail.push(line);
				if (tail.length > 40) tail.shift();
				const m = /^(?:\[INFO\] )?Downloaded from \S+: \S+\/([^/\s]+\.jar)\b/.exec(line);
				if (m) {
					downloaded++;
					log(`kcon:   [${downloaded}] ${m[1]}`);
				} else if (/Downloaded from /.test(line)) {
					// POMs and Maven's own plugins: a heartbeat, not a line each
					if (++metadata % 50 === 0) log(`kcon:   … ${metadata} POMs and plugin files downloaded`);
				} else if (/BUILD SUCCESS|BUILD FAILURE/.test(line)) {
					log(`kcon:   maven: ${line.replace(/^\[\w+\]\s*/, '')}`);
				}
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (c) => resolve(c ?? 1));
	});
	if (code !== 0) {
		const errors = tail.filter((l) => /ERROR/.test(l)).slice(0, 6);
		throw new KconError(
			`could not fetch Kafka ${version} from Maven Central (mvn exit ${code}); is the version published and the network reachable?`,
			1,
			'error',
			errors.length > 0 ? errors : tail.slice(-10),
		);
	}
	const jars = fs.readdirSync(install.libs).filter((f) => f.endsWith('.jar'));
	if (!jars.some((j) => j.startsWith(`kafka_2.13-${version}`))) {
		throw new KconError(`Maven finished but ${install.libs} holds no kafka_2.13-${version}.jar`);
	}
	fs.writeFileSync(done, `${jars.length} jars\n`);
	log(`kcon: Kafka ${version} ready (${jars.length} jars, ${downloaded} downloaded)`);
	compileLabStreams(install, log);
	return install;
}

function hasStreamsJar(install: KafkaInstall): boolean {
	return fs.readdirSync(install.libs).some((f) => f === `kafka-streams-${install.version}.jar`);
}

/** True when the lab's Kafka Streams application is compiled for `install`. */
export function labStreamsCompiled(install: Pick<KafkaInstall, 'streamsClasses'>): boolean {
	return fs.existsSync(path.join(install.streamsClasses, 'LabStreams.class'));
}

let sourceDigest: string | undefined;

/**
 * Where the lab's streams application is compiled for the Kafka at `kafkaHome`: a directory named
 * by a digest of LabStreams.java, so a changed source gets a new directory and a directory, once
 * written, never changes. Labs of several checkouts sharing one cache (each with its own copy of
 * the source) then never see a class directory removed or rewritten under a running JVM.
 */
export function labStreamsClassesDir(kafkaHome: string): string {
	if (sourceDigest === undefined) {
		try {
			sourceDigest = createHash('sha256').update(fs.readFileSync(labStreamsSource())).digest('hex').slice(0, 16);
		} catch {
			sourceDigest = 'no-source'; // a broken install: nothing to compile, and the lab says so
		}
	}
	return path.join(kafkaHome, 'streams', sourceDigest);
}

const labStreamsSource = () => path.join(labAssetsDir(), 'streams', 'LabStreams.java');

/**
 * Compiles lab/streams/LabStreams.java against the fetched libs unless this source is compiled
 * already. Without a javac the lab runs without its streams application: one line says so.
 */
export function compileLabStreams(install: KafkaInstall, log: (line: string) => void): void {
	if (labStreamsCompiled(install)) return;
	if (spawnSync('javac', ['-version'], {stdio: 'ignore'}).error) {
		log('kcon: javac not found (install a JDK, Debian: apt-get install default-jdk-headless): the lab runs without its Kafka Streams application');
		return;
	}
	const building = `${install.streamsClasses}.${process.pid}`;
	fs.rmSync(building, {recursive: true, force: true});
	const result = spawnSync('javac', ['-proc:none', '-nowarn', '-d', building, '-cp', install.classpath, labStreamsSource()], {encoding: 'utf8'});
	if (result.status !== 0) {
		fs.rmSync(building, {recursive: true, force: true});
		throw new KconError(`javac could not compile ${labStreamsSource()} against Kafka ${install.version}`, 1, 'error', (result.stderr ?? '').split('\n').slice(0, 10));
	}
	// one rename, so the directory appears whole; a concurrent compile of the same source that
	// renamed first wins, and this copy goes
	try {
		fs.renameSync(building, install.streamsClasses);
	} catch (error) {
		fs.rmSync(building, {recursive: true, force: true});
		if (!labStreamsCompiled(install)) throw error;
	}
	log(`kcon: compiled the lab's Kafka Streams application into ${install.streamsClasses}`);
}
