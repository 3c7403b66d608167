/**
 * The fluent API's process-wide state, kept on `globalThis` under a registered symbol so that
 * every copy of this package in a process (its CommonJS and ESM faces, two installs) shares it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { TrackingOptions } from '../config/config';
import type { ModelInfo } from '../models/log-model';
import type { RunInfo, RunStatus } from '../store/types';
import type { MlflowClient } from './client';
import type { Sender } from './sender';

/** A run started through the fluent API (or resumed by it). */
export class ActiveRun {
  private info_?: RunInfo;
  /** Set once the run has been ended (or is being ended). */
  ended = false;
  /** @internal The status the run ends with once the agent's work for it is done. */
  finalStatus?: RunStatus;

  /** @internal */
  constructor(
    /** @internal */ readonly ready: Promise<RunInfo>,
    /** The parent's run id, for a nested run. */
    readonly parentRunId: string | undefined,
    /** @internal The autolog integration that started it, if any. */
    readonly managedBy?: string,
    /** A local key, valid before the server has answered (the run's token in the journal). */
    readonly key: string = randomUUID(),
  ) {
    ready.then(
      (info) => (this.info_ = info),
      () => undefined,
    );
  }

  /** The run's info as the store returned it at start; undefined until created. */
  get info(): RunInfo | undefined {
    return this.info_;
  }

  /** The run id, once the run exists. */
  get runId(): string | undefined {
    return this.info_?.runId;
  }

  /** Resolves to the run id once the run exists. */
  async resolveRunId(): Promise<string> {
    return (await this.ready).runId;
  }
}

export interface FluentState {
  options: TrackingOptions;
  client?: MlflowClient;
  /** Delivers what the fluent API and autologging log, through the journal. */
  sender?: Sender;
  /** Runs started inside `withRun` callbacks live in async context… */
  als: AsyncLocalStorage<ActiveRun[]>;
  /** …and runs started with `startRun` outside of one live here (notebooks, REPLs, scripts). */
  fallbackStack: ActiveRun[];
  /** Every run the fluent API started and has not ended, for the exit hooks. */
  open: Set<ActiveRun>;
  exitHooksInstalled: boolean;
  statusOnExit?: RunStatus;
  /** Autologged models being saved now (not yet journaled): an exit meanwhile loses them. */
  savingModels: number;
  /** What the last `logModel` in this process returned (by hand or by autologging). */
  lastLoggedModel?: ModelInfo;
}

const KEY = Symbol.for('mlflow-autolog.fluent-state');
const holder = globalThis as typeof globalThis & { [KEY]?: FluentState };

export const state: FluentState = (holder[KEY] ??= {
  options: {},
  als: new AsyncLocalStorage<ActiveRun[]>(),
  fallbackStack: [],
  open: new Set(),
  exitHooksInstalled: false,
  savingModels: 0,
});
