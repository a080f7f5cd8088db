// Kafka's name for an error code (5 -> LEADER_NOT_AVAILABLE), for every decoder and its callers.
import {KAFKAJS_ERROR_CODES} from '../kafkajs/error-codes.js';

const names = new Map(KAFKAJS_ERROR_CODES.map((e) => [e.code, e.type]));

export function errorName(code: number): string {
	if (code === 0) return 'NONE';
	return names.get(code) ?? `error code ${code}`;
}
