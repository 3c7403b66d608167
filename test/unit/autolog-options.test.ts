/**
 * Autolog options and their environment variables: defaults, precedence, per-library overrides,
 * and errors that name the option or variable, the value and what is accepted.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { disabledByEnv, exitHandOffByEnv } from '../../src/autolog/env-options';
import { DEFAULTS, integrationConfig, optionsFromEnv, resolveConfig } from '../../src/autolog/options';
import { ConfigError } from '../../src/errors';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error;
  }
  assert.fail('expected a ConfigError');
}

describe('autolog options', () => {
  test("with nothing set, the configuration is MLflow's defaults", () => {
    const config = resolveConfig({}, ['tfjs'], {});
    assert.deepEqual(config.global, DEFAULTS);
    assert.equal(config.global.logModels, true);
    assert.equal(config.global.logInputExamples, false);
    assert.equal(config.global.logModelSignatures, true);
    assert.equal(config.global.logDatasets, true);
  });

  test('every MLFLOW_AUTOLOG_* variable is read into its option', () => {
    const options = optionsFromEnv({
      MLFLOW_AUTOLOG_DISABLE: 'false',
      MLFLOW_AUTOLOG_EXCLUSIVE: '1',
      MLFLOW_AUTOLOG_SILENT: 'TRUE',
      MLFLOW_AUTOLOG_LOG_MODELS: 'false',
      MLFLOW_AUTOLOG_LOG_INPUT_EXAMPLES: 'true',
      MLFLOW_AUTOLOG_LOG_MODEL_SIGNATURES: '0',
      MLFLOW_AUTOLOG_LOG_DATASETS: 'false',
      MLFLOW_AUTOLOG_REGISTERED_MODEL_NAME: 'iris',
      MLFLOW_AUTOLOG_EXTRA_TAGS: '{"team":"vision","stage":"dev"}',
      MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS: '5',
      MLFLOW_AUTOLOG_LOG_SYSTEM_METRICS: 'true',
      MLFLOW_AUTOLOG_DISABLE_FOR_UNSUPPORTED_VERSIONS: 'true',
    });
    assert.deepEqual(options, {
      disable: false,
      exclusive: true,
      silent: true,
      logModels: false,
      logInputExamples: true,
      logModelSignatures: false,
      logDatasets: false,
      registeredModelName: 'iris',
      extraTags: { team: 'vision', stage: 'dev' },
      logEveryNSteps: 5,
      logSystemMetrics: true,
      disableForUnsupportedVersions: true,
    });
  });

  test("MLflow's MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING applies when the autolog variable is unset", () => {
    assert.equal(optionsFromEnv({ MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING: 'true' }).logSystemMetrics, true);
    assert.equal(optionsFromEnv({ MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING: 'true', MLFLOW_AUTOLOG_LOG_SYSTEM_METRICS: 'false' }).logSystemMetrics, false);
  });

  test('options given in code win over the environment, which wins over the defaults', () => {
    const env = { MLFLOW_AUTOLOG_LOG_MODELS: 'false', MLFLOW_AUTOLOG_LOG_DATASETS: 'false' };
    const config = resolveConfig({ logModels: true }, ['tfjs'], env);
    assert.equal(config.global.logModels, true);
    assert.equal(config.global.logDatasets, false);
    assert.equal(config.global.logModelSignatures, true);
  });

  test('a per-library block overrides the global options for that library only', () => {
    const config = resolveConfig({ logModels: false, tfjs: { logModels: true, logEveryNSteps: 10 } }, ['tfjs', 'other'], {});
    assert.equal(integrationConfig(config, 'tfjs').logModels, true);
    assert.equal(integrationConfig(config, 'tfjs').logEveryNSteps, 10);
    assert.equal(integrationConfig(config, 'other').logModels, false);
    assert.equal(integrationConfig(config, 'other').logEveryNSteps, undefined);
  });

  test('a wrong boolean variable names the variable, the value and what is accepted', () => {
    const error = configError(() => optionsFromEnv({ MLFLOW_AUTOLOG_LOG_MODELS: 'yes' }));
    assert.equal(error.variable, 'MLFLOW_AUTOLOG_LOG_MODELS');
    assert.equal(error.message, 'MLFLOW_AUTOLOG_LOG_MODELS="yes" is not valid: true, false, 1 or 0.');
  });

  test('extra tags that are not a JSON object of strings, or that set mlflow.autologging, are refused', () => {
    const notJson = configError(() => optionsFromEnv({ MLFLOW_AUTOLOG_EXTRA_TAGS: 'team=vision' }));
    assert.equal(notJson.variable, 'MLFLOW_AUTOLOG_EXTRA_TAGS');
    assert.match(notJson.message, /^MLFLOW_AUTOLOG_EXTRA_TAGS="team=vision" is not valid: a JSON object of tag names to string values/);
    configError(() => optionsFromEnv({ MLFLOW_AUTOLOG_EXTRA_TAGS: '{"n": 1}' }));
    const reserved = configError(() => resolveConfig({ extraTags: { 'mlflow.autologging': 'x' } }, [], {}));
    assert.equal(reserved.variable, 'extraTags');
    assert.match(reserved.message, /not mlflow\.autologging/);
  });

  test('a step interval that is not a whole number of at least 1 is refused, in the environment and in code', () => {
    const fromEnv = configError(() => optionsFromEnv({ MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS: '0' }));
    assert.equal(fromEnv.message, 'MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS="0" is not valid: a whole number, at least 1.');
    const fromCode = configError(() => resolveConfig({ tfjs: { logEveryNSteps: 2.5 } }, ['tfjs'], {}));
    assert.equal(fromCode.variable, 'tfjs.logEveryNSteps');
    assert.equal(fromCode.message, 'autolog option tfjs.logEveryNSteps=2.5 is not valid: a whole number, at least 1.');
  });

  test('an option of the wrong type names the option, the value and what is accepted', () => {
    const error = configError(() => resolveConfig({ logModels: 'no' }, ['tfjs'], {}));
    assert.equal(error.message, 'autolog option logModels="no" is not valid: true or false.');
  });

  test('an unknown option is refused with the list of known ones', () => {
    const error = configError(() => resolveConfig({ logModel: false }, ['tfjs'], {}));
    assert.equal(error.variable, 'logModel');
    assert.match(error.message, /unknown option "logModel": use one of disable, exclusive, .*logModels.*, or a per-library block \(tfjs\)\./);
    const nested = configError(() => resolveConfig({ tfjs: { bogus: 1 } }, ['tfjs'], {}));
    assert.equal(nested.variable, 'tfjs.bogus');
  });

  test('a bad environment variable fails resolution even when options are given in code', () => {
    const error = configError(() => resolveConfig({ logModels: true }, [], { MLFLOW_AUTOLOG_SILENT: 'maybe' }));
    assert.equal(error.variable, 'MLFLOW_AUTOLOG_SILENT');
  });

  test('numbers in variables may have surrounding spaces, and must be whole (or in range) and finite', () => {
    assert.deepEqual(optionsFromEnv({ MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS: ' 12 ', MLFLOW_AUTOLOG_CHECKPOINT_SAVE_FREQ: '3', MLFLOW_AUTOLOG_RUN_END_TIMEOUT: '2.5' }), {
      logEveryNSteps: 12,
      checkpointSaveFreq: 3,
      runEndTimeout: 2.5,
    });
    assert.equal(optionsFromEnv({ MLFLOW_AUTOLOG_CHECKPOINT_SAVE_FREQ: 'epoch' }).checkpointSaveFreq, 'epoch');
    for (const [variable, value] of [
      ['MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS', '99999999999999999999'],
      ['MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS', '1.5'],
      ['MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS', '-1'],
      ['MLFLOW_AUTOLOG_CHECKPOINT_SAVE_FREQ', '0'],
      ['MLFLOW_AUTOLOG_CHECKPOINT_SAVE_FREQ', 'batch'],
      ['MLFLOW_AUTOLOG_RUN_END_TIMEOUT', '3601'],
      ['MLFLOW_AUTOLOG_RUN_END_TIMEOUT', '1e3'],
      ['MLFLOW_AUTOLOG_RUN_END_TIMEOUT', '9'.repeat(400)],
      ['MLFLOW_AUTOLOG_CHECKPOINT_MODE', 'MIN'],
    ]) {
      assert.equal(configError(() => optionsFromEnv({ [variable!]: value })).variable, variable, `${variable}=${value}`);
    }
  });

  test('extra tags must be a JSON object of non-empty names to strings', () => {
    for (const value of ['[]', '["a"]', 'null', '"team"', '{"":"x"}', '{"a":null}']) {
      assert.equal(configError(() => optionsFromEnv({ MLFLOW_AUTOLOG_EXTRA_TAGS: value })).variable, 'MLFLOW_AUTOLOG_EXTRA_TAGS', value);
    }
    assert.deepEqual(optionsFromEnv({ MLFLOW_AUTOLOG_EXTRA_TAGS: '{}' }).extraTags, {});
  });

  test('the disable switch a preload reads alone is on only for true or 1, in any case', () => {
    for (const value of ['true', 'TRUE', '1']) assert.equal(disabledByEnv({ MLFLOW_AUTOLOG_DISABLE: value }), true, value);
    // NB: a wrong value leaves autologging on until the full check, which reports it.
    for (const value of [undefined, '', 'false', '0', 'yes']) assert.equal(disabledByEnv({ MLFLOW_AUTOLOG_DISABLE: value }), false, String(value));
  });

  test('the exit’s background sender is on unless MLFLOW_AUTOLOG_EXIT_HANDOFF is false or 0, in any case', () => {
    for (const value of ['false', 'FALSE', '0', ' false ']) assert.equal(exitHandOffByEnv({ MLFLOW_AUTOLOG_EXIT_HANDOFF: value }), false, value);
    for (const value of [undefined, '', 'true', '1', 'yes']) assert.equal(exitHandOffByEnv({ MLFLOW_AUTOLOG_EXIT_HANDOFF: value }), true, String(value));
  });
});
