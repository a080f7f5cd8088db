// Kafka's error codes as kafkajs 2.2.4 names them (codec/error-names.ts turns a code into a name).
import {errorCodes} from 'kafkajs/src/protocol/error.js';

export const KAFKAJS_ERROR_CODES: ReadonlyArray<{type: string; code: number}> = errorCodes;
