/**
 * `models predict`: one prediction from a file or stdin, in the scoring protocol's formats,
 * written as MLflow's `_predict` writes it (`{"predictions": …}`, bare for an LLM payload) to a
 * file or stdout (which carries nothing else). The payload is parsed exactly as the server parses
 * a request body.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../usage';
import { loadCommandModel, modelFlagArgs, type PredictFlags } from './models';

async function readInput(path: string): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new UsageError(`Cannot read the input file ${path} (${code}); pass a readable file, or - for stdin.`);
    throw error;
  }
}

/**
 * Runs `work` with writes to stdout sent to stderr: stdout carries the predictions only, whatever
 * the model or its libraries print while loading (natural's dependencies print there on require).
 */
async function stdoutToStderr<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}

export async function predict(flags: PredictFlags): Promise<number> {
  const rest = [
    '-i', flags.inputPath, '-t', flags.contentType,
    ...(flags.outputPath === undefined ? [] : ['-o', flags.outputPath]),
    ...modelFlagArgs(flags),
  ];
  if (flags.envManager === 'npm') {
    const { runInModelEnvironment } = require('./models-env') as typeof import('./models-env');
    return runInModelEnvironment('predict', flags.modelUri, rest);
  }
  const { Scorer } = require('../../serving/scorer') as typeof import('../../serving/scorer');
  const { predictionsJson } = require('../../serving/responses') as typeof import('../../serving/responses');
  const input = await readInput(flags.inputPath);
  const output = await stdoutToStderr(async () => {
    const model = await loadCommandModel(flags);
    const payload = new Scorer(model).parse(input, flags.contentType);
    // NB: the model's own error, not the server's generic answer: here the user sees its stack.
    return predictionsJson(await model.predict(payload.data, payload.params), payload.unwrapped);
  });
  if (flags.outputPath === undefined) process.stdout.write(`${output}\n`);
  else await writeFile(flags.outputPath, output);
  return 0;
}
