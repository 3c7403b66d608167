/**
 * The ONNX nodes of each tfjs layer (`tfjsToOnnx` in ./onnx walks the graph and calls these).
 * tfjs is channels-last (NHWC); ONNX Conv and pooling are channels-first (NCHW): those layers
 * transpose in and out, so every value between layers keeps tfjs's own layout.
 */
import { type OnnxGraph, float, int, ints, OnnxExportError } from '../../src/onnx/graph';
import type { TfLayer, TfNode } from './internal-types';

type Shape = readonly (number | null)[];

/** One call of a layer: its ONNX input values and the tfjs shapes around it (batch `null`). */
export interface LayerCall {
  graph: OnnxGraph;
  layer: TfLayer;
  config: Record<string, unknown>;
  inputs: string[];
  inShapes: Shape[];
  outShapes: Shape[];
}

type Converter = (call: LayerCall) => string[];

const unsupported = (layer: TfLayer, what = '') =>
  new OnnxExportError(`ONNX export does not support ${what}the layer ${layer.name} (${layer.getClassName()})`);

// ---- activations ----------------------------------------------------------------------------

const SELU_ALPHA = 1.6732632423543772;
const SELU_GAMMA = 1.0507009873554805;

/** The activations `activation: '...'` may name, as ONNX nodes on `x`. */
const ACTIVATIONS: Record<string, (g: OnnxGraph, x: string) => string> = {
  linear: (_g, x) => x,
  relu: (g, x) => g.op('Relu', [x]),
  relu6: (g, x) => g.op('Clip', [x, scalar(g, 0), scalar(g, 6)]),
  sigmoid: (g, x) => g.op('Sigmoid', [x]),
  hardSigmoid: (g, x) => g.op('HardSigmoid', [x], { alpha: float(0.2), beta: float(0.5) }),
  tanh: (g, x) => g.op('Tanh', [x]),
  softmax: (g, x) => g.op('Softmax', [x], { axis: int(-1) }),
  logSoftmax: (g, x) => g.op('LogSoftmax', [x], { axis: int(-1) }),
  elu: (g, x) => g.op('Elu', [x], { alpha: float(1) }),
  selu: (g, x) => g.op('Selu', [x], { alpha: float(SELU_ALPHA), gamma: float(SELU_GAMMA) }),
  softplus: (g, x) => g.op('Softplus', [x]),
  softsign: (g, x) => g.op('Softsign', [x]),
  swish: (g, x) => g.op('Mul', [g.op('Sigmoid', [x]), x]),
  mish: (g, x) => g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x])])]),
  // NB: tfjs's gelu is the exact one: x * 0.5 * (1 + erf(x / sqrt 2)).
  gelu: (g, x) => g.op('Mul', [x, g.op('Mul', [scalar(g, 0.5), g.op('Add', [scalar(g, 1), g.op('Erf', [g.op('Div', [x, scalar(g, Math.SQRT2)])])])])]),
};

/** The name of an activation as `getConfig()` gives it: a string, or `{ className }`. */
function activationName(value: unknown): string {
  if (value == null) return 'linear';
  if (typeof value === 'string') return value;
  const className = (value as { className?: unknown }).className;
  return typeof className === 'string' ? className : String(value);
}

/** Throws unless the layer's `activation` (if any) is one ONNX export knows. */
export function checkActivation(layer: TfLayer, config: Record<string, unknown>): void {
  const name = activationName(config.activation);
  if (!(name in ACTIVATIONS)) throw unsupported(layer, `the activation ${name} of `);
}

function activate(call: LayerCall, x: string): string {
  return ACTIVATIONS[activationName(call.config.activation)]!(call.graph, x);
}

// ---- constants and weights ------------------------------------------------------------------

function scalar(g: OnnxGraph, value: number): string {
  return g.constant('const', { type: 'float32', dims: [], data: [value] });
}

function int64s(g: OnnxGraph, hint: string, values: readonly number[]): string {
  return g.constant(hint, { type: 'int64', dims: [values.length], data: values });
}

interface Weight {
  dims: number[];
  data: Float32Array;
}

function weights(layer: TfLayer): Weight[] {
  return layer.getWeights().map((t) => ({ dims: [...t.shape], data: Float32Array.from(t.dataSync() as ArrayLike<number>) }));
}

function weight(g: OnnxGraph, layer: TfLayer, name: string, w: Weight, dims = w.dims): string {
  return g.constant(`${layer.name}/${name}`, { type: 'float32', dims, data: w.data });
}

/** `data` (row-major, `dims`) with its axes permuted: result axis i is input axis perm[i]. */
function transposeData(data: Float32Array, dims: readonly number[], perm: readonly number[]): { dims: number[]; data: Float32Array } {
  const outDims = perm.map((p) => dims[p]!);
  const inStrides = dims.map((_, i) => dims.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(data.length);
  const index = new Array<number>(outDims.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let source = 0;
    for (let i = 0; i < index.length; i++) source += index[i]! * inStrides[perm[i]!]!;
    out[o] = data[source]!;
    for (let i = index.length - 1; i >= 0; i--) {
      if (++index[i]! < outDims[i]!) break;
      index[i] = 0;
    }
  }
  return { dims: outDims, data: out };
}

const list = (value: unknown, n: number, fallback: number): number[] =>
  Array.isArray(value) ? (value as number[]) : Array.from({ length: n }, () => (typeof value === 'number' ? value : fallback));

// ---- layout -------------------------------------------------------------------------------

/** Channels-last to channels-first for a value of rank `rank`: [0, r-1, 1, ..., r-2]. */
const toFirst = (rank: number) => [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
/** Channels-first back to channels-last: [0, 2, ..., r-1, 1]. */
const toLast = (rank: number) => [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];

function channelsFirst(call: LayerCall): boolean {
  return call.config.dataFormat === 'channelsFirst';
}

/**
 * The pads (begins then ends) of a window over `spatial` (NCHW order) as TF pads: 'valid' none,
 * 'same' the total TF needs with the odd one at the end; `undefined` when a 'same' size is
 * unknown (then the node uses auto_pad SAME_UPPER, the same rule). tfjs itself runs no 'causal'.
 */
function pads(call: LayerCall, padding: unknown, spatial: Shape, kernel: number[], strides: number[], dilations: number[]): number[] | undefined {
  const n = kernel.length;
  const effective = kernel.map((k, i) => (k - 1) * dilations[i]! + 1);
  if (padding === 'valid' || padding == null) return new Array<number>(2 * n).fill(0);
  if (padding !== 'same') throw unsupported(call.layer, `the padding ${String(padding)} of `);
  if (spatial.some((d) => d == null)) return undefined;
  const total = spatial.map((size, i) => Math.max((Math.ceil(size! / strides[i]!) - 1) * strides[i]! + effective[i]! - size!, 0));
  return [...total.map((t) => Math.floor(t / 2)), ...total.map((t) => t - Math.floor(t / 2))];
}

/** Runs `body` on the input in NCHW order and returns its result in the layer's own layout. */
function inChannelsFirst(call: LayerCall, body: (x: string, spatial: Shape) => string): string {
  const rank = call.inShapes[0]!.length;
  if (channelsFirst(call)) return body(call.inputs[0]!, call.inShapes[0]!.slice(2));
  const x = call.graph.op('Transpose', [call.inputs[0]!], { perm: ints(toFirst(rank)) });
  const y = body(x, call.inShapes[0]!.slice(1, -1));
  return call.graph.op('Transpose', [y], { perm: ints(toLast(rank)) });
}

// ---- layers ---------------------------------------------------------------------------------

function dense(call: LayerCall): string[] {
  const { graph: g, layer } = call;
  const [kernel, bias] = weights(layer);
  let y = g.op('MatMul', [call.inputs[0]!, weight(g, layer, 'kernel', kernel!)]);
  if (call.config.useBias !== false && bias) y = g.op('Add', [y, weight(g, layer, 'bias', bias)]);
  return [activate(call, y)];
}

function conv(call: LayerCall, n: number): string[] {
  const { graph: g, layer, config } = call;
  const [kernel, bias] = weights(layer);
  const kernelShape = list(config.kernelSize, n, 1);
  const strides = list(config.strides, n, 1);
  const dilations = list(config.dilationRate, n, 1);
  // NB: tfjs kernels are [...k, in, out]; ONNX W is [out, in, ...k].
  const w = transposeData(kernel!.data, kernel!.dims, [n + 1, n, ...Array.from({ length: n }, (_, i) => i)]);
  const inputs = [weight(g, layer, 'kernel', { dims: w.dims, data: w.data })];
  if (config.useBias !== false && bias) inputs.push(weight(g, layer, 'bias', bias));
  const y = inChannelsFirst(call, (x, spatial) => {
    const p = pads(call, config.padding, spatial, kernelShape, strides, dilations);
    const attributes = { kernel_shape: ints(kernelShape), strides: ints(strides), dilations: ints(dilations), ...(p ? { pads: ints(p) } : { auto_pad: { string: 'SAME_UPPER' } }) };
    return g.op('Conv', [x, ...inputs], attributes);
  });
  return [activate(call, y)];
}

function pool(call: LayerCall, opType: 'MaxPool' | 'AveragePool', n: number): string[] {
  const { config } = call;
  const kernelShape = list(config.poolSize, n, 2);
  const strides = config.strides == null ? kernelShape : list(config.strides, n, 1);
  return [inChannelsFirst(call, (x, spatial) => {
    const p = pads(call, config.padding, spatial, kernelShape, strides, new Array<number>(n).fill(1));
    const attributes = { kernel_shape: ints(kernelShape), strides: ints(strides), ...(p ? { pads: ints(p) } : { auto_pad: { string: 'SAME_UPPER' } }) };
    return call.graph.op(opType, [x], attributes);
  })];
}

function globalPool(call: LayerCall, opType: 'ReduceMean' | 'ReduceMax'): string[] {
  const rank = call.inShapes[0]!.length;
  const axes = channelsFirst(call) ? Array.from({ length: rank - 2 }, (_, i) => i + 2) : Array.from({ length: rank - 2 }, (_, i) => i + 1);
  return [call.graph.op(opType, [call.inputs[0]!], { axes: ints(axes), keepdims: int(call.config.keepDims === true ? 1 : 0) })];
}

function flatten(call: LayerCall): string[] {
  const rank = call.inShapes[0]!.length;
  let x = call.inputs[0]!;
  // NB: tfjs flattens channels-first input in channels-last order too.
  if (channelsFirst(call) && rank > 2) x = call.graph.op('Transpose', [x], { perm: ints(toLast(rank)) });
  return [call.graph.op('Flatten', [x], { axis: int(1) })];
}

function reshape(call: LayerCall): string[] {
  const target = (call.config.targetShape as (number | null)[]).map((d) => d ?? -1);
  // NB: 0 copies the batch dimension from the input (opset 13 has no allowzero).
  return [call.graph.op('Reshape', [call.inputs[0]!, int64s(call.graph, `${call.layer.name}/shape`, [0, ...target])])];
}

function batchNormalization(call: LayerCall): string[] {
  const { graph: g, layer, config } = call;
  const rank = call.inShapes[0]!.length;
  const all = weights(layer);
  const gamma = config.scale !== false ? all.shift() : undefined;
  const beta = config.center !== false ? all.shift() : undefined;
  const [mean, variance] = all;
  const axisValue = Array.isArray(config.axis) ? (config.axis as number[]) : [typeof config.axis === 'number' ? config.axis : -1];
  if (axisValue.length !== 1) throw unsupported(layer, 'several axes of ');
  const axis = axisValue[0]! < 0 ? rank + axisValue[0]! : axisValue[0]!;
  const size = mean!.data.length;
  // NB: the parameters broadcast along `axis`: [C, 1, ..., 1] with one 1 for each later axis.
  const dims = [size, ...new Array<number>(rank - 1 - axis).fill(1)];
  const epsilon = typeof config.epsilon === 'number' ? config.epsilon : 1e-3;
  const inv = new Float32Array(size);
  for (let i = 0; i < size; i++) inv[i] = (gamma ? gamma.data[i]! : 1) / Math.sqrt(variance!.data[i]! + epsilon);
  let y = g.op('Sub', [call.inputs[0]!, weight(g, layer, 'moving_mean', mean!, dims)]);
  y = g.op('Mul', [y, weight(g, layer, 'scale', { dims, data: inv }, dims)]);
  if (beta) y = g.op('Add', [y, weight(g, layer, 'beta', beta, dims)]);
  return [y];
}

function embedding(call: LayerCall): string[] {
  const { graph: g, layer } = call;
  const ids = g.op('Cast', [call.inputs[0]!], { to: int(7) });
  return [g.op('Gather', [weight(g, layer, 'embeddings', weights(layer)[0]!), ids], { axis: int(0) })];
}

function merge(opType: string, variadic: boolean): Converter {
  return (call) => {
    if (variadic) return [call.graph.op(opType, call.inputs)];
    return [call.inputs.slice(1).reduce((acc, x) => call.graph.op(opType, [acc, x]), call.inputs[0]!)];
  };
}

function clip(call: LayerCall, x: string, max: unknown): string {
  if (typeof max !== 'number') return x;
  return call.graph.op('Clip', [x, scalar(call.graph, 0), scalar(call.graph, max)]);
}

const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/** The converters by `getClassName()`. */
export const CONVERTERS: Record<string, Converter> = {
  Dense: dense,
  Conv1D: (call) => conv(call, 1),
  Conv2D: (call) => conv(call, 2),
  MaxPooling1D: (call) => pool(call, 'MaxPool', 1),
  MaxPooling2D: (call) => pool(call, 'MaxPool', 2),
  AveragePooling1D: (call) => pool(call, 'AveragePool', 1),
  AveragePooling2D: (call) => pool(call, 'AveragePool', 2),
  GlobalAveragePooling1D: (call) => globalPool(call, 'ReduceMean'),
  GlobalAveragePooling2D: (call) => globalPool(call, 'ReduceMean'),
  GlobalMaxPooling1D: (call) => globalPool(call, 'ReduceMax'),
  GlobalMaxPooling2D: (call) => globalPool(call, 'ReduceMax'),
  Flatten: flatten,
  Reshape: reshape,
  Permute: (call) => [call.graph.op('Transpose', [call.inputs[0]!], { perm: ints([0, ...(call.config.dims as number[])]) })],
  BatchNormalization: batchNormalization,
  Embedding: embedding,
  Activation: (call) => [activate(call, call.inputs[0]!)],
  ReLU: (call) => [clip(call, call.graph.op('Relu', [call.inputs[0]!]), call.config.maxValue)],
  LeakyReLU: (call) => [call.graph.op('LeakyRelu', [call.inputs[0]!], { alpha: float(num(call.config.alpha, 0.3)) })],
  ELU: (call) => [call.graph.op('Elu', [call.inputs[0]!], { alpha: float(num(call.config.alpha, 1)) })],
  ThresholdedReLU: (call) => [call.graph.op('ThresholdedRelu', [call.inputs[0]!], { alpha: float(num(call.config.theta, 1)) })],
  Softmax: (call) => [call.graph.op('Softmax', [call.inputs[0]!], { axis: int(num(call.config.axis, -1)) })],
  PReLU: (call) => [call.graph.op('PRelu', [call.inputs[0]!, weight(call.graph, call.layer, 'alpha', weights(call.layer)[0]!)])],
  Concatenate: (call) => [call.graph.op('Concat', call.inputs, { axis: int(num(call.config.axis, -1)) })],
  Add: merge('Sum', true),
  Multiply: merge('Mul', false),
  Average: merge('Mean', true),
  Maximum: merge('Max', true),
  Minimum: merge('Min', true),
  // NB: these only act while training: the identity at inference.
  Dropout: (call) => [call.inputs[0]!],
  SpatialDropout1D: (call) => [call.inputs[0]!],
  GaussianNoise: (call) => [call.inputs[0]!],
  GaussianDropout: (call) => [call.inputs[0]!],
  AlphaDropout: (call) => [call.inputs[0]!],
};

/** Throws for a layer (or its activation) that ONNX export does not support. */
export function checkLayer(layer: TfLayer): void {
  if (!Object.hasOwn(CONVERTERS, layer.getClassName())) throw unsupported(layer);
  checkActivation(layer, layer.getConfig());
}

/** The ONNX values a call of `layer` (at `node`) produces from `inputs`. */
export function convertLayer(graph: OnnxGraph, layer: TfLayer, node: TfNode, inputs: string[]): string[] {
  const converter = Object.hasOwn(CONVERTERS, layer.getClassName()) ? CONVERTERS[layer.getClassName()]! : undefined;
  if (!converter) throw unsupported(layer);
  return converter({
    graph,
    layer,
    config: layer.getConfig(),
    inputs,
    inShapes: node.inputTensors.map((t) => t.shape),
    outShapes: node.outputTensors.map((t) => t.shape),
  });
}
