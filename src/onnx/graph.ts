/**
 * A small builder for ONNX models: the exporters (`instrumentations/<lib>/onnx.ts`) add inputs,
 * weights and nodes, and {@link OnnxGraph.toBytes} encodes a `ModelProto` with onnx-proto (the
 * ONNX schema compiled for protobufjs; loaded only when a model is exported).
 *
 * Every model is written with IR version 8, the default opset 13 and, when a node uses it,
 * `ai.onnx.ml` 3: what onnxruntime 1.11 and later and `onnx.checker` load.
 */
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';

/** The element types the exporters use, by their numpy / tfjs names. */
export type ElemType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'string';

/** A dimension: a number, or a name for one known only when the model runs (the batch: `'N'`). */
export type Dim = number | string;

/** The ONNX `TensorProto.DataType` of each element type. */
const DATA_TYPE: Record<ElemType, number> = { float32: 1, int32: 6, int64: 7, string: 8, bool: 9, float64: 11 };

/** The ONNX default domain's opset and the `ai.onnx.ml` opset these graphs are written for. */
export const ONNX_OPSET = 13;
export const ONNX_ML_OPSET = 3;
export const ONNX_ML_DOMAIN = 'ai.onnx.ml';
const IR_VERSION = 8;

/** An attribute value, typed as ONNX needs it (a JS number alone does not say int or float). */
export type Attribute =
  | { int: number }
  | { float: number }
  | { string: string }
  | { ints: readonly number[] }
  | { floats: readonly number[] }
  | { strings: readonly string[] }
  | { tensor: TensorValue };

/** A constant tensor: a weight (initializer) or an attribute. */
export interface TensorValue {
  type: ElemType;
  dims: readonly number[];
  /** Row-major values; `bigint`s or numbers for int64, strings for string tensors. */
  data: ArrayLike<number> | ArrayLike<bigint> | readonly string[] | readonly boolean[];
}

/** Attribute helpers: `node('Gemm', [a, b], { transB: int(1) })`. */
export const int = (value: number): Attribute => ({ int: value });
export const float = (value: number): Attribute => ({ float: value });
export const ints = (values: readonly number[]): Attribute => ({ ints: values });
export const floats = (values: readonly number[]): Attribute => ({ floats: values });
export const string = (value: string): Attribute => ({ string: value });
export const strings = (values: readonly string[]): Attribute => ({ strings: values });
export const tensor = (value: TensorValue): Attribute => ({ tensor: value });

/** Options of {@link OnnxGraph.node}. */
export interface NodeOptions {
  /** The operator's domain: `ai.onnx.ml` for the classic-ML operators; the default domain when absent. */
  domain?: string;
  /** How many outputs the node has (1 by default); their names are made unique. */
  outputs?: number;
  /** Names for the outputs (used as given: for a graph output that must keep its name). */
  outputNames?: string[];
}

interface ValueInfo {
  name: string;
  type: ElemType;
  shape: readonly Dim[] | undefined;
}

/** Thrown by an exporter for a model (or a part of one) ONNX cannot express; the message names it. */
export class OnnxExportError extends Error {
  override name = 'OnnxExportError';
}

/** A graph being built. Names are unique within it; every method returns the names it made. */
export class OnnxGraph {
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly initializers: { name: string; value: TensorValue }[] = [];
  private readonly nodes: { opType: string; inputs: string[]; outputs: string[]; attributes: Record<string, Attribute>; domain: string; name: string }[] = [];
  private readonly used = new Set<string>();
  private readonly domains = new Set<string>(['']);

  constructor(readonly name: string) {}

  /** A name not used yet in this graph, from `hint`. */
  uniqueName(hint: string): string {
    const base = hint.replace(/[^\w./:-]/g, '_') || 'value';
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Declares a graph input (its name kept as given) and returns the name. */
  input(name: string, type: ElemType, shape: readonly Dim[]): string {
    if (this.used.has(name)) throw new OnnxExportError(`two inputs of the ONNX graph are named ${name}`);
    this.used.add(name);
    this.inputs.push({ name, type, shape });
    return name;
  }

  /** Marks the value `name` as a graph output; `shape` may be left unknown. */
  output(name: string, type: ElemType, shape?: readonly Dim[]): void {
    this.outputs.push({ name, type, shape });
  }

  /** Adds a constant (a weight) and returns its name. */
  constant(hint: string, value: TensorValue): string {
    const size = value.dims.reduce((product, n) => product * n, 1);
    if (size !== value.data.length) throw new OnnxExportError(`the constant ${hint} has ${value.data.length} values for dims [${value.dims.join(', ')}]`);
    const name = this.uniqueName(hint);
    this.initializers.push({ name, value });
    return name;
  }

  /** Adds a node and returns its output names. */
  node(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}, options: NodeOptions = {}): string[] {
    const domain = options.domain ?? '';
    this.domains.add(domain);
    const outputs = options.outputNames ?? Array.from({ length: options.outputs ?? 1 }, (_, i) => this.uniqueName(`${opType}_${this.nodes.length}${i ? `_${i}` : ''}`));
    for (const name of options.outputNames ?? []) this.used.add(name);
    this.nodes.push({ opType, inputs: [...inputs], outputs, attributes, domain, name: `${opType}_${this.nodes.length}` });
    return outputs;
  }

  /** Shorthand for a node with one output. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}, options: Omit<NodeOptions, 'outputs'> = {}): string {
    return this.node(opType, inputs, attributes, options)[0]!;
  }

  /** The ONNX model file's bytes. */
  toBytes(docString = ''): Uint8Array {
    // NB: loaded here: only exporting a model needs the protobuf code.
    const { onnx } = require('onnx-proto') as typeof import('onnx-proto');
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      producerName: PACKAGE_NAME,
      producerVersion: PACKAGE_VERSION,
      docString,
      opsetImport: [...this.domains].map((domain) => ({ domain, version: domain === ONNX_ML_DOMAIN ? ONNX_ML_OPSET : ONNX_OPSET })),
      graph: {
        name: this.name,
        input: this.inputs.map(valueInfo),
        output: this.outputs.map(valueInfo),
        initializer: this.initializers.map(({ name, value }) => tensorProto(value, name)),
        node: this.nodes.map((n) => ({
          opType: n.opType,
          input: n.inputs,
          output: n.outputs,
          name: n.name,
          domain: n.domain,
          attribute: Object.entries(n.attributes).map(([name, value]) => attributeProto(name, value)),
        })),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo({ name, type, shape }: ValueInfo): import('onnx-proto').onnx.IValueInfoProto {
  const dim = shape?.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: DATA_TYPE[type], ...(dim ? { shape: { dim } } : {}) } } };
}

/** A tensor as `TensorProto`: numbers as little-endian `raw_data`, strings as `string_data`. */
function tensorProto(value: TensorValue, name = ''): import('onnx-proto').onnx.ITensorProto {
  const base = { name, dims: [...value.dims], dataType: DATA_TYPE[value.type] };
  if (value.type === 'string') return { ...base, stringData: (value.data as readonly string[]).map((s) => Buffer.from(s, 'utf8')) };
  return { ...base, rawData: rawBytes(value) };
}

function rawBytes({ type, data }: TensorValue): Uint8Array {
  const values = Array.from(data as ArrayLike<number | bigint | boolean>);
  let array: ArrayBufferView;
  switch (type) {
    case 'float32':
      array = Float32Array.from(values as number[]);
      break;
    case 'float64':
      array = Float64Array.from(values as number[]);
      break;
    case 'int32':
      array = Int32Array.from(values as number[]);
      break;
    case 'int64':
      array = BigInt64Array.from(values, (v) => BigInt(v as number | bigint));
      break;
    case 'bool':
      array = Uint8Array.from(values, (v) => (v ? 1 : 0));
      break;
    default:
      throw new OnnxExportError(`no raw encoding for ${type}`);
  }
  // NB: typed arrays are little-endian on every platform Node runs on, as raw_data must be.
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function attributeProto(name: string, value: Attribute): import('onnx-proto').onnx.IAttributeProto {
  // AttributeProto.AttributeType: FLOAT 1, INT 2, STRING 3, TENSOR 4, FLOATS 6, INTS 7, STRINGS 8.
  if ('int' in value) return { name, type: 2, i: value.int };
  if ('float' in value) return { name, type: 1, f: value.float };
  if ('string' in value) return { name, type: 3, s: Buffer.from(value.string, 'utf8') };
  if ('ints' in value) return { name, type: 7, ints: [...value.ints] };
  if ('floats' in value) return { name, type: 6, floats: [...value.floats] };
  if ('strings' in value) return { name, type: 8, strings: value.strings.map((s) => Buffer.from(s, 'utf8')) };
  return { name, type: 4, t: tensorProto(value.tensor) };
}
