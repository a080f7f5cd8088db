// kafkajs's logger, silenced: kcon reports what matters itself, on one line.
import {createLogger, LEVELS} from 'kafkajs/src/loggers/index.js';

export const quietLogger = (): unknown => createLogger({level: LEVELS.NOTHING, logCreator: () => () => {}});
