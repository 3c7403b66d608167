/**
 * mlflow-autolog: MLflow tracking for Node.js. The public API is exported from here only.
 */
export { MlflowClient, type CreateRunOptions } from './tracking/client';
export {
  ActiveRun,
  activeRun,
  configure,
  endRun,
  flush,
  getClient,
  logArtifact,
  logArtifacts,
  logDict,
  logMetric,
  logMetrics,
  logParam,
  logParams,
  logText,
  setTag,
  setTags,
  startRun,
  withRun,
  type MetricOptions,
  type StartRunOptions,
} from './tracking/fluent';
export { loadConfig, type TrackingConfig, type TrackingOptions } from './config/config';
export { ConfigError, MlflowAutologError, MlflowRestError, ValidationError } from './errors';
export type { ArtifactFile } from './artifacts/types';
export type {
  Dataset,
  DatasetInput,
  Experiment,
  Metric,
  Param,
  Run,
  RunInfo,
  RunStatus,
  Tag,
} from './store/types';
export { PACKAGE_VERSION as version } from './version';
