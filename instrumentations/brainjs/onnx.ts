/**
 * brain.js `NeuralNetwork`s (1.6.1 and 2.0.0-beta) as ONNX graphs: per layer a MatMul, an Add of
 * the biases and the activation, as brain.js' `_runInput<Activation>` computes them.
 *
 * brain.js keeps weights, biases and each layer's outputs in Float32Arrays but sums in float64
 * (JS numbers); the graph does the same: float64 arithmetic on the float32 weights, each layer's
 * output rounded to float32 (a Cast there and back), and an object input's values rounded to
 * float32 as brain.js' lookup puts them in a Float32Array. Inputs and outputs are float64, what
 * the model's signature (double columns / float64 tensors) and MLflow's DataFrames give.
 *
 * Array inputs are one input `input` [N, inputSize]; object inputs (an inputLookup) one input per
 * key, shape [N], named by the key, so that MLflow's ONNX wrapper feeds each DataFrame column to
 * its input whatever the column order. Array outputs are one `output` [N, outputSize]; object
 * outputs one output per key, shape [N]. Recurrent nets stay Node-only.
 */
import { int, OnnxExportError, OnnxGraph } from '../../src/onnx/graph';
import type { BrainNetwork } from './internal-types';
import { RECURRENT_CLASSES } from './internal-types';
import { networkClass } from './utils';

type Activation = 'sigmoid' | 'relu' | 'leaky-relu' | 'tanh';

/** A network as the graph needs it, from either version's toJSON(). */
interface Layers {
  /** Per layer after the input: weights [prev][node] and biases [node]. */
  layers: { weights: number[][]; biases: number[] }[];
  /** The input keys in column order, when the net takes objects. */
  inputKeys?: string[];
  /** The output keys in column order, when the net returns objects. */
  outputKeys?: string[];
  activation: Activation;
  leakyReluAlpha: number;
  /** 1.6.1's leaky relu gives 0 below zero and alpha · x above (dist/neural-network.js); 2.x max(x, alpha · x). */
  leakyRelu161: boolean;
  inputSize: number;
}

type Json = Record<string, unknown>;

function keysByIndex(lookup: Record<string, number>): string[] {
  return Object.keys(lookup).sort((a, b) => lookup[a]! - lookup[b]!);
}

/** brain.js 2.x: `layers[i] = { weights: [node][prev], biases: [node] }`, lookups as key → index. */
function layers2(json: Json, net: BrainNetwork): Layers {
  const jsonLayers = json.layers as { weights: number[][]; biases: number[] }[];
  const trainOpts = (json.trainOpts ?? net.trainOpts ?? {}) as Json;
  const sizes = json.sizes as number[];
  return {
    layers: jsonLayers.slice(1).map((layer, l) => ({
      weights: Array.from({ length: sizes[l]! }, (_, k) => layer.weights.map((row) => row[k]!)),
      biases: [...layer.biases],
    })),
    inputKeys: json.inputLookup ? keysByIndex(json.inputLookup as Record<string, number>) : undefined,
    outputKeys: json.outputLookup ? keysByIndex(json.outputLookup as Record<string, number>) : undefined,
    activation: String(trainOpts.activation ?? 'sigmoid') as Activation,
    leakyReluAlpha: Number(trainOpts.leakyReluAlpha ?? 0.01),
    leakyRelu161: false,
    inputSize: sizes[0]!,
  };
}

/** brain.js 1.6.1: `layers[i] = { [node]: { bias, weights: { [prevNode]: w } } }`, lookups as booleans. */
function layers161(json: Json, net: BrainNetwork): Layers {
  const jsonLayers = json.layers as Record<string, { bias?: number; weights?: Record<string, number> }>[];
  const keys = jsonLayers.map((layer) => Object.keys(layer));
  const last = jsonLayers.length - 1;
  return {
    layers: jsonLayers.slice(1).map((layer, l) => {
      const nodes = keys[l + 1]!;
      return {
        weights: keys[l]!.map((prev) => nodes.map((node) => layer[node]!.weights![prev]!)),
        biases: nodes.map((node) => layer[node]!.bias!),
      };
    }),
    inputKeys: json.inputLookup ? keys[0] : undefined,
    outputKeys: json.outputLookup ? keys[last] : undefined,
    activation: String(json.activation ?? 'sigmoid') as Activation,
    // NB: 1.6.1's toJSON() leaves leakyReluAlpha out; the live network has it as its own property.
    leakyReluAlpha: Number((net as unknown as { leakyReluAlpha?: number }).leakyReluAlpha ?? 0.01),
    leakyRelu161: true,
    inputSize: keys[0]!.length,
  };
}

function readNetwork(net: BrainNetwork): Layers {
  const cls = networkClass(net).name;
  if ((RECURRENT_CLASSES as readonly string[]).includes(cls)) {
    throw new OnnxExportError(`ONNX export does not support brain.js ${cls} models: recurrent nets stay Node-only`);
  }
  if (cls !== 'NeuralNetwork') throw new OnnxExportError(`ONNX export does not support brain.js ${cls} models: only NeuralNetwork`);
  const sizes = (net as { sizes?: unknown }).sizes;
  if (!Array.isArray(sizes) || sizes.length < 2) throw new OnnxExportError('the brain.js NeuralNetwork is not trained');
  const json = JSON.parse(JSON.stringify(net.toJSON())) as Json;
  const jsonLayers = json.layers as unknown[];
  const modern = Array.isArray(jsonLayers) && jsonLayers.length > 1 && Array.isArray((jsonLayers[1] as { weights?: unknown }).weights);
  const layers = modern ? layers2(json, net) : layers161(json, net);
  if (!['sigmoid', 'relu', 'leaky-relu', 'tanh'].includes(layers.activation)) {
    throw new OnnxExportError(`ONNX export does not support the brain.js activation ${layers.activation}`);
  }
  for (const layer of layers.layers) {
    if (![...layer.weights.flat(), ...layer.biases].every((v) => typeof v === 'number')) throw new OnnxExportError('the brain.js NeuralNetwork has missing weights');
  }
  return layers;
}

/** Rounds a float64 value to float32 and back: what storing it in a Float32Array does. */
function float32(g: OnnxGraph, x: string): string {
  return g.op('Cast', [g.op('Cast', [x], { to: int(1) })], { to: int(11) });
}

/**
 * The ONNX model (its file's bytes) of a trained brain.js NeuralNetwork: what `run` gives for each
 * row, within float32 rounding.
 * @throws OnnxExportError for recurrent nets and other classes, or an unknown activation.
 */
export function brainjsToOnnx(net: BrainNetwork): Uint8Array {
  const spec = readNetwork(net);
  const g = new OnnxGraph('brain.js NeuralNetwork');

  let x: string;
  if (spec.inputKeys) {
    const axis = g.constant('column_axis', { type: 'int64', dims: [1], data: [1] });
    const columns = spec.inputKeys.map((key) => g.op('Unsqueeze', [g.input(key, 'float64', ['N']), axis]));
    // NB: brain.js puts an object's values in a Float32Array (lookup.toArray).
    x = float32(g, columns.length === 1 ? columns[0]! : g.op('Concat', columns, { axis: int(1) }));
  } else {
    x = g.input('input', 'float64', ['N', spec.inputSize]);
  }
  const outputNames = spec.outputKeys ?? ['output'];
  for (const name of outputNames) {
    if (g.uniqueName(name) !== name) throw new OnnxExportError(`the brain.js output ${name} has the name of an input or another output`);
  }

  let h = x;
  spec.layers.forEach((layer, l) => {
    const rows = layer.weights.length;
    const cols = layer.biases.length;
    // NB: the weights are float32 values; as float64 they are exact.
    const w = g.constant(`weights_${l + 1}`, { type: 'float64', dims: [rows, cols], data: layer.weights.flat() });
    const b = g.constant(`biases_${l + 1}`, { type: 'float64', dims: [cols], data: layer.biases });
    const sum = g.op('Add', [g.op('MatMul', [h, w]), b]);
    let out: string;
    switch (spec.activation) {
      case 'sigmoid': {
        const one = g.constant('one', { type: 'float64', dims: [], data: [1] });
        out = g.op('Div', [one, g.op('Add', [one, g.op('Exp', [g.op('Neg', [sum])])])]);
        break;
      }
      case 'relu':
        out = g.op('Relu', [sum]);
        break;
      case 'leaky-relu': {
        const alpha = g.constant('alpha', { type: 'float64', dims: [], data: [spec.leakyReluAlpha] });
        const scaled = g.op('Mul', [sum, alpha]);
        if (spec.leakyRelu161) {
          const zero = g.constant('zero', { type: 'float64', dims: [], data: [0] });
          out = g.op('Where', [g.op('Less', [sum, zero]), zero, scaled]);
        } else {
          out = g.op('Max', [sum, scaled]);
        }
        break;
      }
      case 'tanh':
        out = g.op('Tanh', [sum]);
        break;
    }
    h = float32(g, out);
  });

  const size = spec.layers[spec.layers.length - 1]!.biases.length;
  if (spec.outputKeys) {
    spec.outputKeys.forEach((key, j) => {
      const index = g.constant(`index_${j}`, { type: 'int64', dims: [], data: [j] });
      g.node('Gather', [h, index], { axis: int(1) }, { outputNames: [key] });
      g.output(key, 'float64', ['N']);
    });
  } else {
    g.node('Identity', [h], {}, { outputNames: ['output'] });
    g.output('output', 'float64', ['N', size]);
  }
  return g.toBytes('brain.js NeuralNetwork');
}

