// Mount points for views and keys that live in other files (agents, tail, operator actions).
// The console (app.tsx), the readme key-table check and the help overlay all load this module,
// so a view or a key registered here exists everywhere at once. One line per extension:
//   addView({...})          a `:command` view (registry.ts)
//   addKeyCommands({...})   a key (keys.ts) — dangerous ones are dropped in --read-only
import {addKeyCommands, keyCommands} from './keys.js';
import {addView, views} from './views/registry.js';

import {brokerActionKeys, brokerActionViews} from './views/broker-actions.js';
import {electKeys, electViews} from './views/elect-action.js';
import {reassignKeys, reassignViews} from './views/reassign-action.js';

addKeyCommands(...brokerActionKeys);
for (const v of brokerActionViews) addView(v);
addKeyCommands(...electKeys);
for (const v of electViews) addView(v);
addKeyCommands(...reassignKeys);
for (const v of reassignViews) addView(v);

export {keyCommands, views, addKeyCommands, addView};
