/**
 * ml.js models as ONNX graphs, for the estimators whose `predict` maps onto standard operators:
 * ml-cart's decision trees and ml-random-forest's forests (an `ai.onnx.ml` TreeEnsembleRegressor
 * that finds each tree's leaf, then standard operators that do what ml.js does with the leaves),
 * ml-logistic-regression, the linear and one-variable regressions, and k-means' nearest centroid.
 * Everything else throws {@link OnnxExportError} naming the class.
 *
 * The graph has one input `input`, float64 (ml.js computes in float64) of shape [N, features],
 * and one output: `label` (int64: ml.js' classifiers predict class indices) for classifiers and
 * k-means, `prediction` (float64) for regressors, shaped as the flavor's predict returns them
 * ([N], or [N, outputs] for a multivariate linear regression). The one-variable regressions
 * (which ml.js predicts from a list of numbers) take [N, 1], a DataFrame's one column.
 */
import { floats, int, ints, ONNX_ML_DOMAIN, OnnxExportError, OnnxGraph, strings, tensor, type Dim } from '../../src/onnx/graph';
import { estimatorOfModel } from './estimators';
import type { MljsModel } from './flavor';

type Json = Record<string, unknown>;

/** The toJSON() of a model as plain JSON (ml-matrix Matrices as arrays, tree nodes as objects). */
function jsonOf(model: MljsModel): Json {
  return JSON.parse(JSON.stringify((model as { toJSON(): unknown }).toJSON())) as Json;
}

const INPUT = 'input';

/** `x` as a one-dimensional [N] tensor (from [N, 1] or [N]). */
function flatten(g: OnnxGraph, x: string): string {
  return g.op('Reshape', [x, g.constant('flat', { type: 'int64', dims: [1], data: [-1] })]);
}

function scalar(g: OnnxGraph, hint: string, value: number, type: 'float64' | 'int64' = 'float64'): string {
  return g.constant(hint, { type, dims: [], data: [value] });
}

function finish(g: OnnxGraph, value: string, output: 'label' | 'prediction', type: 'int64' | 'float64', shape: readonly Dim[], doc: string): Uint8Array {
  g.node('Identity', [value], {}, { outputNames: [output] });
  g.output(output, type, shape);
  return g.toBytes(doc);
}

// --- trees ------------------------------------------------------------------------------------

/** An ml-cart node as its toJSON() writes it: a leaf has `distribution`, a split has both children. */
interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  left?: CartNode;
  right?: CartNode;
  /** A classifier leaf's class shares (a one-row matrix), a regression leaf's mean. */
  distribution?: number | number[][] | number[];
}

/** What a classifier leaf predicts: the first index of its largest share (ml-matrix `maxRowIndex`). */
function leafClass(distribution: CartNode['distribution']): number {
  const row = (Array.isArray(distribution) && Array.isArray(distribution[0]) ? distribution[0] : distribution) as number[];
  if (!Array.isArray(row) || row.length === 0) throw new OnnxExportError('an ml-cart classifier leaf has no class distribution');
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

function leafValue(distribution: CartNode['distribution']): number {
  if (typeof distribution !== 'number') throw new OnnxExportError('an ml-cart regression leaf has no value');
  return distribution;
}

/** The attributes of one TreeEnsembleRegressor whose target t is the global id of tree t's leaf. */
class LeafFinder {
  readonly treeIds: number[] = [];
  readonly nodeIds: number[] = [];
  readonly featureIds: number[] = [];
  readonly modes: string[] = [];
  readonly values: number[] = [];
  readonly trueIds: number[] = [];
  readonly falseIds: number[] = [];
  readonly targetTree: number[] = [];
  readonly targetNode: number[] = [];
  readonly targetIds: number[] = [];
  readonly targetWeights: number[] = [];
  /** Per global leaf id: the leaf's value (regression) or class index (classification). */
  readonly leaves: number[] = [];
  trees = 0;

  /** Adds a tree; `features[c]` is the input column of the tree's column c. */
  add(root: CartNode, features: readonly number[] | undefined, leaf: (node: CartNode) => number): void {
    const tree = this.trees++;
    let next = 0;
    const visit = (node: CartNode): number => {
      const id = next++;
      const at = this.nodeIds.length;
      this.treeIds.push(tree);
      this.nodeIds.push(id);
      if (node.distribution !== undefined || !node.left || !node.right) {
        this.featureIds.push(0);
        this.modes.push('LEAF');
        this.values.push(0);
        this.trueIds.push(0);
        this.falseIds.push(0);
        this.targetTree.push(tree);
        this.targetNode.push(id);
        this.targetIds.push(tree);
        // NB: leaf ids travel as float32 target weights: exact below 2^24.
        if (this.leaves.length >= 2 ** 24) throw new OnnxExportError('the forest has too many leaves for ONNX export');
        this.targetWeights.push(this.leaves.length);
        this.leaves.push(leaf(node));
        return id;
      }
      const column = node.splitColumn;
      const value = node.splitValue;
      if (typeof column !== 'number' || typeof value !== 'number') throw new OnnxExportError('an ml-cart split has no column or value');
      const feature = features ? features[column] : column;
      if (feature === undefined) throw new OnnxExportError(`an ml-cart split uses column ${column}, outside the tree's features`);
      this.featureIds.push(feature);
      // NB: ml-cart goes left when `row[splitColumn] < splitValue` (TreeNode.classify), NaN right.
      this.modes.push('BRANCH_LT');
      this.values.push(value);
      this.trueIds.push(0);
      this.falseIds.push(0);
      this.trueIds[at] = visit(node.left);
      this.falseIds[at] = visit(node.right);
      return id;
    };
    visit(root);
  }

  /** [N, trees] int64: the global leaf id each row reaches in each tree. */
  build(g: OnnxGraph, x: string): string {
    const ids = g.op(
      'TreeEnsembleRegressor',
      [x],
      {
        n_targets: int(this.trees),
        nodes_treeids: ints(this.treeIds),
        nodes_nodeids: ints(this.nodeIds),
        nodes_featureids: ints(this.featureIds),
        nodes_modes: strings(this.modes),
        // NB: thresholds as doubles, compared with the float64 input exactly as JS compares them
        // (onnxruntime accepts nodes_values_as_tensor only with a double input).
        nodes_values_as_tensor: tensor({ type: 'float64', dims: [this.values.length], data: this.values }),
        nodes_truenodeids: ints(this.trueIds),
        nodes_falsenodeids: ints(this.falseIds),
        nodes_missing_value_tracks_true: ints(this.modes.map(() => 0)),
        target_treeids: ints(this.targetTree),
        target_nodeids: ints(this.targetNode),
        target_ids: ints(this.targetIds),
        target_weights: floats(this.targetWeights),
        aggregate_function: { string: 'SUM' },
        post_transform: { string: 'NONE' },
      },
      { domain: ONNX_ML_DOMAIN },
    );
    return g.op('Cast', [ids], { to: int(7) });
  }
}

/** The values the trees' leaves give each row: [N, trees], float64 (regression) or int64 (class index). */
function leafOutputs(g: OnnxGraph, finder: LeafFinder, x: string, type: 'float64' | 'int64'): string {
  const ids = finder.build(g, x);
  const table = g.constant('leaf_values', { type, dims: [finder.leaves.length], data: finder.leaves });
  return g.op('Gather', [table, ids], { axis: int(0) });
}

/** The input's width: known when the model recorded it, else left to the data. */
function featureDim(count: unknown): Dim {
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 'features';
}

function decisionTree(json: Json, classifier: boolean, name: string): Uint8Array {
  const g = new OnnxGraph(name);
  const x = g.input(INPUT, 'float64', ['N', 'features']);
  const finder = new LeafFinder();
  finder.add(json.root as CartNode, undefined, classifier ? (n) => leafClass(n.distribution) : (n) => leafValue(n.distribution));
  const values = flatten(g, leafOutputs(g, finder, x, classifier ? 'int64' : 'float64'));
  return classifier ? finish(g, values, 'label', 'int64', ['N'], name) : finish(g, values, 'prediction', 'float64', ['N'], name);
}

/**
 * ml-array-mode over the trees' votes: the class whose count first reaches the largest count,
 * in tree order (its `count > maxCount` keeps the earlier one on a tie).
 */
function majorityVote(g: OnnxGraph, votes: string, classes: number): string {
  const depth = g.constant('classes', { type: 'int64', dims: [1], data: [classes] });
  const onOff = g.constant('one_hot_values', { type: 'int64', dims: [2], data: [0, 1] });
  const oneHot = g.op('OneHot', [votes, depth, onOff], { axis: int(-1) });
  const counts = g.op('CumSum', [oneHot, scalar(g, 'tree_axis', 1, 'int64')]);
  const most = g.op('ReduceMax', [counts], { axes: ints([1, 2]), keepdims: int(1) });
  const reached = g.op('Cast', [g.op('Equal', [counts, most])], { to: int(1) });
  const flat = g.op('Reshape', [reached, g.constant('rows', { type: 'int64', dims: [2], data: [0, -1] })]);
  // NB: row-major over (tree, class): the first hit is the earliest tree where a class reaches the
  // largest count, and only one class gains a vote per tree.
  const first = g.op('ArgMax', [flat], { axis: int(1), keepdims: int(0) });
  return g.op('Mod', [first, scalar(g, 'class_count', classes, 'int64')]);
}

function randomForest(model: MljsModel, json: Json, classifier: boolean, name: string): Uint8Array {
  const base = json.baseModel as Json | undefined;
  const estimators = base?.estimators as Json[] | undefined;
  const indexes = base?.indexes as number[][] | undefined;
  if (!base || !Array.isArray(estimators) || !Array.isArray(indexes) || estimators.length === 0) throw new OnnxExportError(`the ml-random-forest ${name} is not trained`);
  if (Boolean(base.isClassifier) !== classifier) throw new OnnxExportError(`the ml-random-forest ${name} says isClassifier: ${String(base.isClassifier)}`);
  const selection = classifier ? 'mode' : String(json.selectionMethod);
  if (!classifier && selection !== 'mean' && selection !== 'median') throw new OnnxExportError(`ONNX export does not support ml-random-forest ${name} with selectionMethod ${selection}`);

  const g = new OnnxGraph(name);
  const x = g.input(INPUT, 'float64', ['N', featureDim((model as { numberFeatures?: unknown }).numberFeatures)]);
  const finder = new LeafFinder();
  // NB: tree i sees the input's columns indexes[i] (feature bagging, with replacement or not).
  estimators.forEach((tree, i) => finder.add(tree.root as CartNode, indexes[i], classifier ? (n) => leafClass(n.distribution) : (n) => leafValue(n.distribution)));
  const trees = finder.trees;
  if (classifier) {
    const votes = leafOutputs(g, finder, x, 'int64');
    const classes = Math.max(...finder.leaves) + 1;
    return finish(g, majorityVote(g, votes, classes), 'label', 'int64', ['N'], name);
  }
  const values = leafOutputs(g, finder, x, 'float64');
  let prediction: string;
  if (selection === 'mean') {
    prediction = g.op('ReduceMean', [values], { axes: ints([1]), keepdims: int(0) });
  } else {
    // NB: ml-array-median is median-quickselect: the lower middle value, never an average of two.
    const [sorted] = g.node('TopK', [values, g.constant('trees', { type: 'int64', dims: [1], data: [trees] })], { axis: int(1), largest: int(0), sorted: int(1) }, { outputs: 2 });
    prediction = g.op('Gather', [sorted!, scalar(g, 'middle', Math.floor((trees - 1) / 2), 'int64')], { axis: int(1) });
  }
  return finish(g, prediction, 'prediction', 'float64', ['N'], name);
}

// --- linear models ----------------------------------------------------------------------------

function logisticRegression(json: Json, name: string): Uint8Array {
  const classifiers = json.classifiers as { weights?: number[][] | number[] }[] | undefined;
  const count = Number(json.numberClasses);
  if (!Array.isArray(classifiers) || classifiers.length === 0 || classifiers.length !== count) throw new OnnxExportError(`the ml-logistic-regression ${name} is not trained`);
  const columns = classifiers.map((c) => {
    const w = Array.isArray(c.weights?.[0]) ? (c.weights as number[][])[0]! : (c.weights as number[] | undefined);
    if (!Array.isArray(w)) throw new OnnxExportError(`an ml-logistic-regression classifier has no weights`);
    return w;
  });
  const features = columns[0]!.length;
  const g = new OnnxGraph(name);
  const x = g.input(INPUT, 'float64', ['N', features]);
  const weights = g.constant('weights', { type: 'float64', dims: [features, count], data: Array.from({ length: features * count }, (_, i) => columns[i % count]![Math.floor(i / count)]!) });
  const scores = g.op('MatMul', [x, weights]);
  // NB: the sigmoid as ml.js writes it, 1 / (1 + exp(-s)): saturated scores tie at 1 as in JS.
  const one = scalar(g, 'one', 1);
  const sigmoid = g.op('Div', [one, g.op('Add', [one, g.op('Exp', [g.op('Neg', [scores])])])]);
  // One-vs-rest with the class's own label 0: predict picks the first smallest score.
  const label = g.op('ArgMin', [sigmoid], { axis: int(1), keepdims: int(0), select_last_index: int(0) });
  return finish(g, label, 'label', 'int64', ['N'], name);
}

function multivariateLinear(json: Json, name: string): Uint8Array {
  const weights = json.weights as number[][] | undefined;
  if (!Array.isArray(weights) || weights.length === 0) throw new OnnxExportError(`the ${name} has no weights`);
  const intercept = Boolean(json.intercept);
  const inputs = weights.length - (intercept ? 1 : 0);
  const outputs = weights[0]!.length;
  const g = new OnnxGraph(name);
  const x = g.input(INPUT, 'float64', ['N', inputs]);
  const w = g.constant('weights', { type: 'float64', dims: [inputs, outputs], data: weights.slice(0, inputs).flat() });
  let y = g.op('MatMul', [x, w]);
  if (intercept) y = g.op('Add', [y, g.constant('intercept', { type: 'float64', dims: [outputs], data: weights[inputs]! })]);
  return finish(g, y, 'prediction', 'float64', ['N', outputs], name);
}

function finiteNumbers(values: unknown[], name: string): number[] {
  if (!values.every((v) => typeof v === 'number')) throw new OnnxExportError(`the ${name} has no coefficients`);
  return values as number[];
}

/** The one-variable regressions: f(x) from the input's one column. */
function oneVariable(json: Json, className: string, name: string): Uint8Array {
  const g = new OnnxGraph(name);
  const input = g.input(INPUT, 'float64', ['N', 1]);
  const x = flatten(g, input);
  let y: string;
  switch (className) {
    case 'SimpleLinearRegression':
    case 'TheilSenRegression': {
      const [slope, intercept] = finiteNumbers([json.slope, json.intercept], name);
      y = g.op('Add', [g.op('Mul', [x, scalar(g, 'slope', slope!)]), scalar(g, 'intercept', intercept!)]);
      break;
    }
    case 'PolynomialRegression':
    case 'RobustPolynomialRegression': {
      const powers = finiteNumbers((json.powers as unknown[] | undefined) ?? [undefined], name);
      const coefficients = finiteNumbers((json.coefficients as unknown[] | undefined) ?? [undefined], name);
      if (powers.length !== coefficients.length) throw new OnnxExportError(`the ${name} has ${powers.length} powers for ${coefficients.length} coefficients`);
      // Σ c_k · x ** p_k: [N, 1] ** [K] → [N, K], then · c.
      const terms = g.op('Pow', [input, g.constant('powers', { type: 'float64', dims: [powers.length], data: powers })]);
      y = g.op('MatMul', [terms, g.constant('coefficients', { type: 'float64', dims: [coefficients.length], data: coefficients })]);
      break;
    }
    case 'ExponentialRegression': {
      // B · exp(A · x)
      const [a, b] = finiteNumbers([json.A, json.B], name);
      y = g.op('Mul', [g.op('Exp', [g.op('Mul', [x, scalar(g, 'A', a!)])]), scalar(g, 'B', b!)]);
      break;
    }
    case 'PowerRegression': {
      // A · x ** B
      const [a, b] = finiteNumbers([json.A, json.B], name);
      y = g.op('Mul', [g.op('Pow', [x, scalar(g, 'B', b!)]), scalar(g, 'A', a!)]);
      break;
    }
    default:
      throw new OnnxExportError(`ONNX export does not support ${name} models`);
  }
  return finish(g, y, 'prediction', 'float64', ['N'], name);
}

// --- k-means ----------------------------------------------------------------------------------

/** The nearest centroid by squared Euclidean distance, the first one on a tie (ml-nearest-vector). */
function kmeans(centroids: number[][]): Uint8Array {
  const name = 'ml-kmeans kmeans';
  if (centroids.length === 0) throw new OnnxExportError('the k-means model has no centroids');
  const features = centroids[0]!.length;
  const g = new OnnxGraph(name);
  const x = g.input(INPUT, 'float64', ['N', features]);
  const c = g.constant('centroids', { type: 'float64', dims: [1, centroids.length, features], data: centroids.flat() });
  const rows = g.op('Unsqueeze', [x, g.constant('axis', { type: 'int64', dims: [1], data: [1] })]);
  const diff = g.op('Sub', [rows, c]);
  const distances = g.op('ReduceSum', [g.op('Mul', [diff, diff]), g.constant('axes', { type: 'int64', dims: [1], data: [2] })], { keepdims: int(0) });
  const label = g.op('ArgMin', [distances], { axis: int(1), keepdims: int(0), select_last_index: int(0) });
  return finish(g, label, 'label', 'int64', ['N'], name);
}

// --- entry point ------------------------------------------------------------------------------

/** The tree-, linear- and one-variable models the exporter knows, by class name. */
const ONE_VARIABLE = new Set(['SimpleLinearRegression', 'TheilSenRegression', 'PolynomialRegression', 'RobustPolynomialRegression', 'ExponentialRegression', 'PowerRegression']);

/**
 * The ONNX model (its file's bytes) of a trained ml.js model: its predictions for the float64
 * `input` rows, as the `mljs` flavor's predict gives them.
 * @throws OnnxExportError for an estimator ONNX export does not support (KNN, naive Bayes, SVM,
 * PCA, k-means with a custom distance) or one not trained.
 */
export function mljsToOnnx(model: MljsModel): Uint8Array {
  if (model === null || typeof model !== 'object') throw new OnnxExportError('ONNX export needs an ml.js model');
  const centroids = (model as { centroids?: unknown }).centroids;
  const spec = estimatorOfModel(model);
  if (Array.isArray(centroids) && (spec?.kind === 'function' || typeof (model as { toJSON?: unknown }).toJSON !== 'function')) {
    // NB: a k-means result predicts with its own distance; the saved model with squared Euclidean.
    const distance = (model as { distance?: unknown }).distance;
    if (typeof distance === 'function' && distance.name !== 'squaredEuclidean') {
      throw new OnnxExportError(`ONNX export does not support ml-kmeans kmeans models with a custom distance (${distance.name || 'anonymous'})`);
    }
    return kmeans(centroids as number[][]);
  }
  if (!spec) throw new OnnxExportError(`ONNX export does not support ${(model.constructor as { name?: string } | undefined)?.name ?? 'this'} models: not an ml.js estimator`);
  const name = `${spec.module} ${spec.className}`;
  switch (spec.className) {
    case 'DecisionTreeClassifier':
      return decisionTree(jsonOf(model), true, name);
    case 'DecisionTreeRegression':
      return decisionTree(jsonOf(model), false, name);
    case 'RandomForestClassifier':
      return randomForest(model, jsonOf(model), true, name);
    case 'RandomForestRegression':
      return randomForest(model, jsonOf(model), false, name);
    case 'LogisticRegression':
      return logisticRegression(jsonOf(model), name);
    case 'MultivariateLinearRegression':
      return multivariateLinear(jsonOf(model), name);
    default:
      if (ONE_VARIABLE.has(spec.className)) return oneVariable(jsonOf(model), spec.className, name);
      throw new OnnxExportError(`ONNX export does not support ${name} models`);
  }
}

