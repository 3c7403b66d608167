/**
 * TensorFlow.js layers models as ONNX files. The model object alone is read (its layers, their
 * configs, weights and inbound nodes): tfjs is never loaded here. Sequential and functional
 * models, nested models included, become one flat graph; ./onnx-layers has each layer's nodes.
 */
import { type ElemType, OnnxExportError, OnnxGraph } from '../../src/onnx/graph';
import type { TfGraphModel, TfGraphTensor, TfLayer, TfLayersModel } from './internal-types';
import { checkLayer, convertLayer } from './onnx-layers';

export { OnnxExportError } from '../../src/onnx/graph';

/** The model as an ONNX file (IR 8, opset 13). Throws OnnxExportError naming the first layer ONNX export does not support. */
export function tfjsToOnnx(model: TfLayersModel): Uint8Array {
  const m = model as unknown as TfGraphModel;
  if (!Array.isArray(m.inputs) || !Array.isArray(m.outputs) || m.outputs.length === 0) {
    throw new OnnxExportError(`the model ${m.name} has no inputs or outputs yet (add layers with an input shape first)`);
  }
  checkLayers(m);
  const graph = new OnnxGraph(m.name);
  // NB: a Sequential has its input and output names only once built; its layers' names are the same.
  const inputNames = names(m.inputNames, m.inputs);
  const outputNames = names(m.outputNames, m.outputs);
  const inputs = m.inputs.map((t, i) => graph.input(inputNames[i]!, elemType(t), shapeOf(t, inputNames[i]!)));
  // NB: reserved before any node is made, so that no value made on the way takes these names.
  const reserved = outputNames.map((name) => graph.uniqueName(name));
  const values = emitModel(graph, m, inputs);
  values.forEach((value, i) => {
    const name = reserved[i]!;
    graph.node('Identity', [value], {}, { outputNames: [name] });
    graph.output(name, 'float32', shapeOf(m.outputs[i]!, name));
  });
  return graph.toBytes(`TensorFlow.js model ${m.name}`);
}

function names(given: readonly string[] | undefined, tensors: readonly TfGraphTensor[]): string[] {
  return given && given.length === tensors.length ? [...given] : tensors.map((t) => t.sourceLayer.name);
}

function elemType(t: TfGraphTensor): ElemType {
  return t.dtype === 'int32' ? 'int32' : 'float32';
}

/** The tfjs shape with the batch as `N` and any other unknown size named after the value. */
function shapeOf(t: TfGraphTensor, name: string): (number | string)[] {
  return t.shape.map((d, i) => (i === 0 ? 'N' : (d ?? `${name}_${i}`)));
}

function isModel(layer: TfLayer): layer is TfGraphModel {
  const m = layer as Partial<TfGraphModel>;
  return Array.isArray(m.layers) && Array.isArray(m.inputs) && Array.isArray(m.outputs);
}

/** Throws for the first layer, in the models' layer order, that cannot be exported. */
function checkLayers(model: TfGraphModel): void {
  for (const layer of model.layers) {
    if (isModel(layer)) checkLayers(layer);
    else if (layer.getClassName() !== 'InputLayer') checkLayer(layer);
  }
}

/** Adds the nodes of `model` applied to the values `inputs` and returns its output values. */
function emitModel(graph: OnnxGraph, model: TfGraphModel, inputs: readonly string[]): string[] {
  if (inputs.length !== model.inputs.length) {
    throw new OnnxExportError(`the model ${model.name} takes ${model.inputs.length} inputs but is called with ${inputs.length}`);
  }
  // NB: by tensor id, afresh for each call: a model called twice makes its nodes twice.
  const values = new Map<number, string>();
  model.inputs.forEach((t, i) => values.set(t.id, inputs[i]!));
  const visiting = new Set<number>();
  const evaluate = (t: TfGraphTensor): string => {
    const known = values.get(t.id);
    if (known !== undefined) return known;
    const layer = t.sourceLayer;
    const node = layer.inboundNodes[t.nodeIndex];
    if (!node || node.inputTensors.length === 0 || visiting.has(t.id)) {
      throw new OnnxExportError(`the tensor ${String((t as { name?: string }).name ?? t.id)} of the model ${model.name} does not come from its inputs`);
    }
    visiting.add(t.id);
    const args = node.inputTensors.map(evaluate);
    const outs = isModel(layer) ? emitModel(graph, layer, args) : convertLayer(graph, layer, node, args);
    node.outputTensors.forEach((out, i) => values.set(out.id, outs[i]!));
    return outs[t.tensorIndex]!;
  };
  return model.outputs.map(evaluate);
}
