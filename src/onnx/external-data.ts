/**
 * The check an ONNX file passes before onnxruntime opens it: a tensor may keep its values in an
 * external file (`data_location: EXTERNAL`, with a `location` relative to the model), and a
 * model from elsewhere could name `../../home/me/.ssh/id_rsa` there. Every such location must be
 * a relative path inside the model's folder.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { containedPath } from '../util/paths';

type Graph = import('onnx-proto').onnx.IGraphProto;
type Tensor = import('onnx-proto').onnx.ITensorProto;

const EXTERNAL = 1;

/** Refuses the ONNX file at `path` when a tensor's external data lies outside its folder. */
export async function checkExternalData(path: string): Promise<void> {
  // NB: loaded here: only loading an ONNX model needs the protobuf code.
  const { onnx } = require('onnx-proto') as typeof import('onnx-proto');
  const model = onnx.ModelProto.decode(await readFile(path));
  const root = dirname(path);
  for (const tensor of model.graph ? tensorsOf(model.graph) : []) {
    if (tensor.dataLocation !== EXTERNAL) continue;
    const location = tensor.externalData?.find((entry) => entry.key === 'location')?.value ?? '';
    containedPath(root, location, `the external data of the ONNX tensor ${tensor.name || '(unnamed)'} (${path})`);
  }
}

/** Every tensor of a graph: initializers, sparse initializers, attribute tensors, subgraphs' tensors. */
function* tensorsOf(graph: Graph): Generator<Tensor, void, undefined> {
  yield* graph.initializer ?? [];
  for (const sparse of graph.sparseInitializer ?? []) {
    if (sparse.values) yield sparse.values;
    if (sparse.indices) yield sparse.indices;
  }
  for (const node of graph.node ?? []) {
    for (const attribute of node.attribute ?? []) {
      if (attribute.t) yield attribute.t;
      yield* attribute.tensors ?? [];
      if (attribute.g) yield* tensorsOf(attribute.g);
      for (const sub of attribute.graphs ?? []) yield* tensorsOf(sub);
    }
  }
}
