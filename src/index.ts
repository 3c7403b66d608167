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
export { ConfigError, MissingDependencyError, MlflowAutologError, MlflowRestError, UnsupportedArtifactStoreError, ValidationError } from './errors';
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

// ---- the MLflow model format ----
export { createFlavorApi, downloadModel, getFlavor, lastLoggedModel, loadModel, type FlavorApi } from './models/model-api';
export { customModel, type CustomModelOptions, type JsModel, type ModelContext } from './models/custom-model';
export { JsFunctionModel, type LoadModelOptions } from './models/js-function';
export type { LogModelOptions, ModelInfo } from './models/log-model';
export type { SaveModelOptions } from './models/save-model';
export { writeSnapshot, type Flavor, type FlavorSnapshot, type Predictor, type SavedFlavor } from './models/flavor';
export { ModelSpec, type FlavorConfig, type JsFunctionConfig } from './models/mlmodel';
export { inferSignature } from './models/infer-signature';
export { SchemaEnforcementError } from './models/enforce';
export type { ColSpec, ModelSignature, ParamSpec, Schema, TensorSpec } from './models/signature';
export { autolog } from './autolog/autolog';
export type {
  AutologIntegrationOverrides,
  AutologOptions,
  Instrumentation,
  IntegrationOptions,
  VersionsManifest,
} from './autolog/types';
export type { TfjsAutologOptions } from '../instrumentations/tfjs/types';
export type { BrainjsAutologOptions } from '../instrumentations/brainjs/types';
export type { NaturalAutologOptions } from '../instrumentations/natural/types';
export type { MljsAutologOptions } from '../instrumentations/mljs/types';
