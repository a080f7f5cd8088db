// The connection flags as the help, completion and readme show them: the same set that
// config/args.ts parses for every command that talks to a cluster or agents (a unit test keeps the
// two lists equal).
import type {FlagSpec} from './command-spec.js';

export const connectionFlags: readonly FlagSpec[] = [
	{name: 'brokers', short: 'b', type: 'string', value: 'host:port,…', description: 'bootstrap brokers (env KCON_BROKERS)'},
	{name: 'bootstrap-server', type: 'string', value: 'host:port,…', description: "the same as --brokers, as Kafka's own tools spell it"},
	{name: 'lab', type: 'boolean', description: 'connect to the running local lab (brokers and agents)'},
	{name: 'context', type: 'string', value: 'NAME', description: 'a named context from the config file (see kcon config get-contexts)'},
	{name: 'config', type: 'string', value: 'FILE', default: '~/.config/kcon/config.json', description: 'the config file'},
	{name: 'command-config', type: 'string', value: 'FILE', description: "a Java client.properties (security.protocol, sasl.*, ssl.* as PEM) as Kafka's tools take it"},
	{name: 'agent', type: 'string', multiple: true, value: 'NAME=HOST[:PORT]', description: 'an SNMP agent (env KCON_AGENTS)'},
	{name: 'community', type: 'string', value: 'STRING', default: 'public', description: 'SNMP v2c community'},
	{name: 'read-only', type: 'boolean', description: 'refuse every action that changes the cluster, exit 3 (env KCON_READ_ONLY=1)'},
	{name: 'output', short: 'o', type: 'string', value: 'text|json', default: 'text', description: 'output format (-ojson and -o=json work too)'},
	{name: 'json', type: 'boolean', description: 'the same as -o json'},
];
