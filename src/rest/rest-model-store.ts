/** The {@link ModelStore} of a tracking server: each method is one call to MLflow's REST API. */
import type { CreateLoggedModelRequest, CreateModelVersionRequest, ModelStore } from '../store/model-store';
import type { Tag } from '../store/types';
import * as api from './model-endpoints';
import type { RestStore } from './rest-store';

function toTags(record: Record<string, string> | undefined): Tag[] | undefined {
  return record && Object.entries(record).map(([key, value]) => ({ key, value }));
}

const quoted = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export class RestModelStore implements ModelStore {
  constructor(private readonly rest: RestStore) {}

  async createLoggedModel(request: CreateLoggedModelRequest): Promise<api.WireLoggedModel> {
    // NB: never retried blindly (a lost answer would make two); callers with a token look it up.
    const body = {
      experiment_id: request.experimentId,
      name: request.name,
      model_type: request.modelType,
      source_run_id: request.sourceRunId,
      params: toTags(request.params) ?? [],
      tags: toTags(request.tags) ?? [],
    };
    return (await this.rest.call(api.createLoggedModel, body, { notIdempotent: true })).model;
  }

  async getLoggedModel(modelId: string): Promise<api.WireLoggedModel> {
    return (await this.rest.call(api.getLoggedModel, { model_id: modelId })).model;
  }

  async findLoggedModelByTag(experimentId: string, key: string, value: string): Promise<api.WireLoggedModel | undefined> {
    const { models = [] } = await this.rest.call(api.searchLoggedModels, {
      experiment_ids: [experimentId],
      filter: `tags.\`${key}\` = ${quoted(value)}`,
      max_results: 1,
    });
    return models[0];
  }

  async listLoggedModels(experimentIds: string[]): Promise<api.WireLoggedModel[]> {
    const found: api.WireLoggedModel[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.rest.call(api.searchLoggedModels, { experiment_ids: experimentIds, max_results: 100, page_token: pageToken });
      found.push(...(page.models ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return found.sort((a, b) => (a.info.creation_timestamp_ms ?? 0) - (b.info.creation_timestamp_ms ?? 0));
  }

  async finalizeLoggedModel(modelId: string, status: 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED'): Promise<api.WireLoggedModel> {
    return (await this.rest.call(api.finalizeLoggedModel, { model_id: modelId, status })).model;
  }

  async setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void> {
    await this.rest.call(api.setLoggedModelTags, { model_id: modelId, tags: toTags(tags) ?? [] });
  }

  async logLoggedModelParams(modelId: string, params: Record<string, string>): Promise<void> {
    await this.rest.call(api.logLoggedModelParams, { model_id: modelId, params: toTags(params) ?? [] });
  }

  async createRegisteredModel(name: string): Promise<void> {
    await this.rest.call(api.createRegisteredModel, { name });
  }

  async createModelVersion(request: CreateModelVersionRequest): Promise<api.WireModelVersion> {
    const body = {
      name: request.name,
      source: request.source,
      run_id: request.runId,
      model_id: request.modelId,
      tags: toTags(request.tags),
      description: request.description,
    };
    return (await this.rest.call(api.createModelVersion, body, { notIdempotent: true })).model_version;
  }

  async findModelVersionByTag(name: string, key: string, value: string): Promise<api.WireModelVersion | undefined> {
    const { model_versions: found = [] } = await this.rest.call(api.searchModelVersions, {
      filter: `name = ${quoted(name)} AND tags.\`${key}\` = ${quoted(value)}`,
      max_results: 1,
    });
    return found[0];
  }

  async findModelVersionsOf(modelId: string): Promise<api.WireModelVersion[]> {
    const { model_versions: found = [] } = await this.rest.call(api.searchModelVersions, { filter: `source_path = 'models:/${modelId}'`, max_results: 1000 });
    return found;
  }

  async getModelVersion(name: string, version: string): Promise<api.WireModelVersion> {
    return (await this.rest.call(api.getModelVersion, { name, version })).model_version;
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<api.WireModelVersion> {
    return (await this.rest.call(api.getModelVersionByAlias, { name, alias })).model_version;
  }

  async getLatestVersions(name: string): Promise<api.WireModelVersion[]> {
    return (await this.rest.call(api.getLatestVersions, { name })).model_versions ?? [];
  }

  async getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    return (await this.rest.call(api.getModelVersionDownloadUri, { name, version })).artifact_uri;
  }

  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    await this.rest.call(api.setRegisteredModelAlias, { name, alias, version });
  }
}
