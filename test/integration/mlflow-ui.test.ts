/**
 * What a person sees: MLflow's own UI (the test server's, in Debian's Chromium driven headless by
 * Playwright) shows the run the tfjs example logged, with its parameters, metric charts and the
 * logged model. Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { MlflowClient } from '../../src/tracking/client';
import { configure } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { startMlflowServer, testServer, type MlflowServer } from '../harness/mlflow-server';
import { REPO_ROOT } from '../harness/python';
import { runQuickstart } from '../harness/quickstart';

const SCREENSHOTS = join(REPO_ROOT, 'test-output');
// NB: this machine's network is closed: Chromium must not try to reach Google's services.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

describe("MLflow's UI shows what the agent logged", () => {
  let url: string;
  let browser: Browser;
  let page: Page;
  let runPage: string;
  /** The model and its checkpoints. */
  let models: number;

  before(async () => {
    url = (await testServer()).url;
    const experiment = uniqueName('ui');
    const result = spawnSync(process.execPath, ['--require', 'mlflow-autolog/register', 'examples/tfjs-preload/train.js'], {
      cwd: REPO_ROOT,
      env: { ...process.env, MLFLOW_TRACKING_URI: url, MLFLOW_EXPERIMENT_NAME: experiment },
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    configure({ trackingUri: url, experimentName: experiment });
    const [run] = await runsOf(experiment);
    configure({});
    models = run!.outputs.modelOutputs.length;
    assert.ok(models >= 2, 'the model and at least one checkpoint');
    runPage = `${url}/#/experiments/${run!.info.experimentId}/runs/${run!.info.runId}`;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => browser?.close());

  test('the run page lists the Keras-named parameters and the logged model and its checkpoints, ready', async () => {
    await page.goto(runPage);
    await page.getByText(`Logged models (${models})`).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'ui-run-overview.png'), fullPage: true });
    const body = await page.innerText('body');
    for (const [key, value] of [['epochs', '4'], ['batch_size', '16'], ['opt_name', 'Adam'], ['loss', 'categoricalCrossentropy']]) {
      assert.match(body, new RegExp(`\\n${key}\\n${value}\\n`), `parameter ${key} = ${value} is shown`);
    }
    assert.match(body, new RegExp(`Logged models \\(${models}\\)[\\s\\S]*\\nmodel\\nReady\\n`), 'the logged model is listed as Ready');
    assert.match(body, /\ncheckpoint\nReady\n/, 'a checkpoint is listed as Ready');
    assert.match(body, /Metrics \(4\)/);
  });

  test('the model metrics tab draws one chart per metric over the epochs', async () => {
    await page.goto(`${runPage}/model-metrics`);
    await page.reload();
    await page.getByText('Step', { exact: true }).first().waitFor({ timeout: 60_000 });
    for (const key of ['loss', 'acc', 'val_loss', 'val_acc']) await page.getByText(key, { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'ui-run-metrics.png'), fullPage: true });
    // NB: each chart labels its x axis "Step"; four charts, four labels.
    assert.ok((await page.getByText('Step', { exact: true }).count()) >= 4);
    const body = await page.innerText('body');
    for (const key of ['loss', 'acc', 'val_loss', 'val_acc']) assert.match(body, new RegExp(`\\n${key}\\n`), `a chart titled ${key}`);
  });
});

describe("a plain `mlflow server` on the quickstart's own ./mlflow.db (no tracking server while training)", () => {
  let server: MlflowServer;
  let browser: Browser;
  let page: Page;
  let runPage: string;
  let models: number;

  before(async () => {
    const { cwd, runId } = await runQuickstart();
    models = (await new MlflowClient({ trackingUri: `sqlite:///${join(cwd, 'mlflow.db')}` }).getRun(runId)).outputs.modelOutputs.length;
    // NB: started in the quickstart's folder on its database, as `mlflow ui` there would be.
    server = await startMlflowServer({ existingStore: { backendStoreUri: 'sqlite:///mlflow.db', cwd } });
    runPage = `${server.url}/#/experiments/0/runs/${runId}`;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('shows the run with its parameters and its logged model and checkpoints, ready', async () => {
    await page.goto(runPage);
    await page.getByText(`Logged models (${models})`).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'ui-sqlite-run-overview.png'), fullPage: true });
    const body = await page.innerText('body');
    for (const [key, value] of [['epochs', '8'], ['batch_size', '32']]) {
      assert.match(body, new RegExp(`\\n${key}\\n${value}\\n`), `parameter ${key} = ${value} is shown`);
    }
    assert.match(body, new RegExp(`Logged models \\(${models}\\)[\\s\\S]*\\nmodel\\nReady\\n`), 'the logged model is listed as Ready');
  });

  test('draws the metric charts over the epochs', async () => {
    await page.goto(`${runPage}/model-metrics`);
    await page.reload();
    await page.getByText('Step', { exact: true }).first().waitFor({ timeout: 60_000 });
    for (const key of ['loss', 'acc', 'val_loss', 'val_acc']) await page.getByText(key, { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'ui-sqlite-run-metrics.png'), fullPage: true });
    assert.ok((await page.getByText('Step', { exact: true }).count()) >= 4);
  });
});
