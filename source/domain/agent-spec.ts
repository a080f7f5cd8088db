// What an SNMP agent to watch is: where it listens and how kcon authenticates to it. Plain data,
// so configuration (config/agents.ts) can describe agents without loading the SNMP client.
export type AuthProtocol = 'sha' | 'sha256';
export type PrivProtocol = 'aes';

export interface SnmpV3User {
	name: string;
	/** authentication digest; absent → noAuthNoPriv */
	authProtocol?: AuthProtocol;
	authKey?: string;
	/** privacy (encryption); needs auth too → authPriv */
	privProtocol?: PrivProtocol;
	privKey?: string;
}

export interface AgentSpec {
	name: string;
	host: string;
	port: number;
	/** v2c community (default `public`) */
	community?: string;
	/** SNMPv3 user; when set, the community is not used */
	v3?: SnmpV3User;
}
