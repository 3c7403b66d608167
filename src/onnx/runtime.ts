/**
 * Running an ONNX model in Node with onnxruntime-node (an optional peer dependency, loaded only
 * here), behind a `predict` that takes what the other flavors take, as MLflow's Python ONNX
 * wrapper does: rows (nested arrays, typed arrays) for a model with one input, an object of
 * inputs by name, or records, whose columns feed the inputs of the same names (or, for a model
 * with one input, make its rows in the signature's column order). One output comes back as
 * nested arrays; several as an object by output name.
 */
import { MlflowAutologError, ValidationError } from '../errors';
import type { Predictor } from '../models/flavor';
import { isPlainObject } from '../models/signature';
import { requireInstalled } from '../util/require-installed';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;
type OrtTensor = import('onnxruntime-node').Tensor;

/** onnxruntime-node as the application installed it (or, failing that, beside this package). */
export function requireOnnxRuntime(): Ort {
  const ort = requireInstalled<Ort>('onnxruntime-node');
  if (ort) return ort;
  throw new MlflowAutologError(
    'Running an ONNX model needs onnxruntime-node: npm install onnxruntime-node (with npm before 11, set ONNXRUNTIME_NODE_INSTALL=skip to skip its CUDA download).',
  );
}

/** One input of the session: its name, element type and shape (symbolic dimensions as names). */
interface InputInfo {
  name: string;
  type: string;
  shape: readonly (number | string)[];
}

/** A session for the ONNX file at `path` and the predictor over it. */
export async function onnxPredictor(path: string, columns?: string[]): Promise<Predictor & { session: Session }> {
  const ort = requireOnnxRuntime();
  const session = await ort.InferenceSession.create(path);
  const inputs: InputInfo[] = session.inputNames.map((name, i) => {
    const meta = session.inputMetadata?.[i];
    return meta?.isTensor ? { name, type: meta.type, shape: meta.shape } : { name, type: 'float32', shape: [] };
  });
  return {
    session,
    async predict(input) {
      const results = await session.run(feeds(ort, inputs, input, columns));
      const outputs = session.outputNames.map((name) => toNested(results[name] as OrtTensor));
      return outputs.length === 1 ? outputs[0] : Object.fromEntries(session.outputNames.map((name, i) => [name, outputs[i]]));
    },
  };
}

/** The session's feeds from what `predict` was given (see the module comment). */
function feeds(ort: Ort, inputs: InputInfo[], data: unknown, columns: string[] | undefined): Record<string, OrtTensor> {
  if (Array.isArray(data) && data.length > 0 && data.every(isPlainObject)) {
    const records = data as Record<string, unknown>[];
    if (inputs.length > 1) return Object.fromEntries(inputs.map((info) => [info.name, toTensor(ort, info, records.map((r) => column(r, info.name)))]));
    const names = columns ?? Object.keys(records[0]!);
    return { [inputs[0]!.name]: toTensor(ort, inputs[0]!, records.map((r) => names.map((name) => column(r, name)))) };
  }
  if (isPlainObject(data)) {
    const given = data as Record<string, unknown>;
    const missing = inputs.filter((info) => !(info.name in given)).map((info) => info.name);
    if (missing.length) throw new ValidationError(`The ONNX model needs the inputs ${inputs.map((i) => i.name).join(', ')}; missing: ${missing.join(', ')}.`);
    return Object.fromEntries(inputs.map((info) => [info.name, toTensor(ort, info, given[info.name])]));
  }
  if (inputs.length !== 1) {
    throw new ValidationError(`The ONNX model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}): pass an object of them by name, or records with those columns.`);
  }
  return { [inputs[0]!.name]: toTensor(ort, inputs[0]!, data) };
}

function column(record: Record<string, unknown>, name: string): unknown {
  if (!(name in record)) throw new ValidationError(`A record has no column ${name}, which the ONNX model needs.`);
  return record[name];
}

/** Nested arrays (or a typed array, or a tfjs-like tensor) as a tensor of the input's type. */
function toTensor(ort: Ort, info: InputInfo, value: unknown): OrtTensor {
  const { values, shape } = flatten(value);
  switch (info.type) {
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from(values as number[]), shape);
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from(values as number[]), shape);
    case 'int32':
      return new ort.Tensor('int32', Int32Array.from(values as number[]), shape);
    case 'int64':
      return new ort.Tensor('int64', BigInt64Array.from(values as number[], (v) => BigInt(Math.trunc(Number(v)))), shape);
    case 'bool':
      return new ort.Tensor('bool', Uint8Array.from(values as number[], (v) => (v ? 1 : 0)), shape);
    case 'string':
      return new ort.Tensor('string', (values as unknown[]).map(String), shape);
    default:
      throw new ValidationError(`The ONNX model's input ${info.name} has the type ${info.type}, which this predictor cannot feed.`);
  }
}

/** A value's leaves in row-major order and its shape; every row must have the same length. */
function flatten(value: unknown): { values: unknown[]; shape: number[] } {
  const tensor = value as { arraySync?: () => unknown; shape?: number[] };
  if (typeof tensor?.arraySync === 'function') return flatten(tensor.arraySync());
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return { values: Array.from(value as unknown as ArrayLike<unknown>), shape: [(value as unknown as ArrayLike<unknown>).length] };
  if (!Array.isArray(value)) return { values: [value], shape: [] };
  const parts = value.map(flatten);
  const inner = parts[0]?.shape ?? [];
  for (const part of parts) {
    if (part.shape.join() !== inner.join()) throw new ValidationError(`The input is ragged: rows of shape [${inner.join(', ')}] and [${part.shape.join(', ')}].`);
  }
  return { values: parts.flatMap((p) => p.values), shape: [value.length, ...inner] };
}

/** A result tensor as nested arrays of numbers (int64 as numbers), booleans or strings. */
function toNested(tensor: OrtTensor): unknown {
  const flat = Array.from(tensor.data as ArrayLike<number | bigint | string>, (v) => (typeof v === 'bigint' ? Number(v) : v));
  const values = tensor.type === 'bool' ? flat.map(Boolean) : flat;
  const build = (offset: number, dims: readonly number[]): unknown => {
    if (dims.length === 0) return values[offset];
    const [n, ...rest] = dims;
    const stride = rest.reduce((product, d) => product * d, 1);
    return Array.from({ length: n! }, (_, i) => build(offset + i * stride, rest));
  };
  return build(0, tensor.dims);
}
