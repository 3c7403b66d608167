/**
 * The public shapes of autologging: the options of `autolog()` and the interface every
 * instrumentation implements. The core knows no library by name: an instrumentation adds its own
 * per-library override key to {@link AutologIntegrationOverrides} by declaration merging.
 */

/** Options that apply to every integration, and that each integration may override. */
export interface IntegrationOptions {
  /** Turns autologging off (unpatches the library). @default false */
  disable?: boolean;
  /** Skips autologging inside runs the user started; only runs autolog starts get data. @default false */
  exclusive?: boolean;
  /**
   * Skips libraries whose installed version is outside the versions this package was tested with
   * (inside the supported range they are patched with a warning otherwise). @default false
   */
  disableForUnsupportedVersions?: boolean;
  /** Silences autologging's warnings. @default false */
  silent?: boolean;
  /** Logs the trained model as an artifact. @default true */
  logModels?: boolean;
  /** Logs an input example (the first rows of the training data) with the model. @default false */
  logInputExamples?: boolean;
  /** Logs a signature inferred from the training data with the model. @default true */
  logModelSignatures?: boolean;
  /** Logs the training (and validation) data as dataset inputs of the run. @default true */
  logDatasets?: boolean;
  /**
   * Also exports the logged model to ONNX: the one logged model then carries its own flavor,
   * `onnx`, `js_function` and `python_function`, so that Python MLflow loads and serves it
   * (`mlflow.pyfunc.load_model`, `mlflow models serve`). Models ONNX cannot express (natural,
   * brain.js recurrent nets, some layers) are logged without it, with one warning. @default false
   */
  logOnnx?: boolean;
  /**
   * Logs checkpoints during training (libraries that train in epochs: TensorFlow.js), as MLflow's
   * Keras autolog: each one a logged model named `checkpoint` at its step, with the metrics of
   * that step linked to it (`model_id`); the final model is logged as without checkpoints.
   * @default true
   */
  checkpoint?: boolean;
  /**
   * The metric that decides whether a checkpoint is better (with `checkpointSaveBestOnly`).
   * Left at its default and absent (no validation data), checkpoints are skipped quietly; set and
   * absent, with one warning. @default 'val_loss'
   */
  checkpointMonitor?: string;
  /** Whether a smaller (`min`) or larger (`max`) monitored value is better. @default 'min' */
  checkpointMode?: 'min' | 'max';
  /** Logs a checkpoint only when the monitored metric improved on the last one logged. @default true */
  checkpointSaveBestOnly?: boolean;
  /** `'epoch'`: consider a checkpoint after each epoch; a number N: after every N batches. @default 'epoch' */
  checkpointSaveFreq?: 'epoch' | number;
  /** Registers the logged model under this name in the model registry. @default none */
  registeredModelName?: string;
  /** Tags added to the runs autologging starts. @default {} */
  extraTags?: Record<string, string>;
  /** Also logs the batch metrics every N batches (step = global batch index). @default off */
  logEveryNSteps?: number;
  /**
   * Samples CPU, memory, disk and network use into `system/*` metrics while a run autologging
   * started is active. @default process.env.MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING, else false
   */
  logSystemMetrics?: boolean;
  /**
   * Seconds an async training call (`fit`) may wait, after training, for its run to be complete
   * on the server before it resolves; what is not done by then goes on in the background (and
   * is journaled). Training itself never waits for the server. @default 3
   */
  runEndTimeout?: number;
}

/**
 * Per-library overrides, keyed by integration name (e.g. `tfjs`). Instrumentations add their key
 * with `declare module` so that `autolog({ tfjs: { … } })` type-checks.
 */
// biome-ignore lint/suspicious/noEmptyInterface: empty on purpose, filled by each instrumentation's `declare module` (a type alias could not be augmented).
export interface AutologIntegrationOverrides {}

/** The options of {@link import('./autolog').autolog}: global settings plus per-library overrides. */
export type AutologOptions = IntegrationOptions & AutologIntegrationOverrides;

/** The resolved settings of one integration (global options, then its overrides). */
export interface IntegrationConfig {
  disable: boolean;
  exclusive: boolean;
  disableForUnsupportedVersions: boolean;
  silent: boolean;
  logModels: boolean;
  logInputExamples: boolean;
  logModelSignatures: boolean;
  logDatasets: boolean;
  logOnnx: boolean;
  checkpoint: boolean;
  checkpointMonitor: string;
  checkpointMode: 'min' | 'max';
  checkpointSaveBestOnly: boolean;
  checkpointSaveFreq: 'epoch' | number;
  registeredModelName?: string;
  extraTags: Record<string, string>;
  logEveryNSteps?: number;
  logSystemMetrics: boolean;
  runEndTimeout: number;
}

/** Which versions of the instrumented package an instrumentation supports and was tested with. */
export interface VersionsManifest {
  /** The package whose `package.json` version is checked, e.g. `@tensorflow/tfjs-layers`. */
  readonly module: string;
  /** Semver ranges; outside them the package is never patched (one warning). */
  readonly supported: readonly string[];
  /** Exact versions the test suite runs against; versions between the lowest and highest count as tested. */
  readonly tested: readonly string[];
}

/**
 * A training library's instrumentation: which module(s) it patches, which versions it supports,
 * and how to patch and unpatch the module's moduleExports. Patching must be idempotent and
 * `unpatch` must undo it completely (except where `patch` had to return a replacement).
 */
export interface Instrumentation<Exports = unknown> {
  /** The integration name, used in the `mlflow.autologging` tag and option keys (e.g. `tfjs`). */
  readonly name: string;
  /** The versions manifest; its `module` is the module the shared hooks watch for. */
  readonly versions: VersionsManifest;
  /**
   * More modules the same integration patches, each with its own versions manifest (a library
   * family published as several npm packages, e.g. ml.js). `patch` and `unpatch` are told which
   * module they are given. @default none
   */
  readonly extraModules?: readonly VersionsManifest[];
  /**
   * The names of the instrumentation's own fault-injection points (see `fault-injection.ts`); the
   * conformance suite forces an agent error at each of them and at the core's points.
   */
  readonly faultPoints: readonly string[];
  /**
   * Wraps the library's functions. `baseDir` is the package folder, when known; `module` the
   * name of the module (`versions.module` or one of `extraModules`; absent means `versions.module`
   * or, for an instrumentation of several modules, the one these exports belong to).
   *
   * When the exports cannot be changed in place (a frozen ES module namespace, or a module whose
   * `module.exports` is itself the class to intercept), `patch` may return a replacement that
   * the hooks hand to the importer instead; it must return the same replacement every time for
   * the same exports, and that replacement must pass calls straight through while the
   * integration is disabled (there is nothing `unpatch` can take back from the importer).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a patch that changes the exports in place returns nothing.
  patch(moduleExports: Exports, version: string | undefined, baseDir: string | undefined, module?: string): Exports | void;
  /** Restores every function `patch` wrapped. */
  unpatch(moduleExports: Exports, module?: string): void;
}
