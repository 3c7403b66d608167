/**
 * What `safePatch` (async methods) and `safePatchSync` / `safePatchConstructor` (synchronous
 * methods and training constructors) share: the lazily loaded modules a patched call needs, and
 * the decision whether a call is autologged at all.
 */
import { integrationConfig } from './options';
import { autologState } from './state';
import type { IntegrationConfig } from './types';

/**
 * The modules a patched call needs, loaded at the first autologged call.
 * NB: not at import: the preload (which NODE_OPTIONS may put in every node process) then costs
 * only the hooks and the options, not the HTTP client and stores (~100 ms).
 */
export function callModules() {
  return {
    fluent: require('../tracking/fluent') as typeof import('../tracking/fluent'),
    background: require('../tracking/background') as typeof import('../tracking/background'),
    session: require('./session') as typeof import('./session'),
    tracing: require('./tracing') as typeof import('./tracing'),
  };
}

/** What the original did: returned `value` or threw `error`. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function insideSession(integration: string): boolean {
  for (let frame = autologState.sessions.getStore(); frame; frame = frame.parent) {
    if (frame.integration === integration) return true;
  }
  return false;
}

/**
 * The integration's settings when autologging should handle this call, else undefined: not
 * configured, disabled, nested in a call of the same integration, or (`exclusive`) inside a run
 * the user started.
 */
export function configForCall(integration: string): IntegrationConfig | undefined {
  const { config } = autologState;
  if (!config) return undefined;
  const settings = integrationConfig(config, integration);
  if (settings.disable || insideSession(integration)) return undefined;
  if (settings.exclusive) {
    const run = callModules().fluent.activeRun();
    if (run && run.managedBy === undefined) return undefined;
  }
  return settings;
}
