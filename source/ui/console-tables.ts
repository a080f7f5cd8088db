// The console's key table and view list, each composed once here from the navigation keys, the
// snapshot's table views and the operator actions' keys and views. Both are immutable: the views
// of other sources (tail, SNMP agents) join through buildViews when the console starts. The help
// overlay, the footer and the readme's key table all render `keyCommands`.
import {navigationKeys, type KeyCommand} from './keys.js';
import {tableViews, type ViewDef, type Views} from './views/registry.js';
import {brokerActionKeys, brokerActionViews} from './views/broker-actions.js';
import {electKeys, electViews} from './views/elect-action.js';
import {reassignKeys, reassignViews} from './views/reassign-action.js';
import {resetKeys, resetViews} from './views/reset-action.js';
import {configKeys, configViews} from './views/config-action.js';
import {topicActionKeys, topicActionViews} from './views/topic-actions.js';
import {createKeys, createViews} from './views/topic-create-form.js';

export const keyCommands: readonly KeyCommand[] = Object.freeze([...navigationKeys, ...brokerActionKeys, ...electKeys, ...reassignKeys, ...resetKeys, ...configKeys, ...topicActionKeys, ...createKeys]);

/** The views of a console without tail or agents (what tests render). */
export const consoleViews: Views = buildViews([]);

/** The console's views with `extra` (tail, agents) added; an extra view with a built-in id replaces it. */
export function buildViews(extra: readonly ViewDef[]): Views {
	const all = [...tableViews, ...brokerActionViews, ...electViews, ...reassignViews, ...resetViews, ...configViews, ...topicActionViews, ...createViews];
	for (const def of extra) {
		const i = all.findIndex((v) => v.id === def.id);
		if (i >= 0) all[i] = def;
		else all.push(def);
	}
	return Object.freeze(all);
}
