// Hosts the lab's embedded SNMP agents (--pi-agent embedded) in one detached process.
// Started by `kcon lab up`: node agent-host-main.js --agents=<dir> <json: [{host, port, community, name}]>
import {startEmbeddedAgent, type EmbeddedAgent} from '../snmp/embedded-agent.js';

const specs = JSON.parse(process.argv[3] ?? '[]') as Array<{host: string; port: number; community: string; name: string}>;
const log = (line: string) => process.stdout.write(`[${new Date().toISOString()}] ${line}\n`);

async function main() {
	const agents: EmbeddedAgent[] = [];
	for (const spec of specs) {
		agents.push(await startEmbeddedAgent({host: spec.host, port: spec.port, community: spec.community, name: 'pi'}));
		log(`${spec.name}: embedded agent on udp:${spec.host}:${spec.port}`);
	}
	const stop = async () => {
		await Promise.all(agents.map((a) => a.stop().catch(() => {})));
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop());
	process.on('SIGINT', () => void stop());
}

main().catch((error) => {
	log(`agent host failed: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});
