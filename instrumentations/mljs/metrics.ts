/**
 * Training metrics, computed as scikit-learn computes them for MLflow's sklearn autolog
 * (`mlflow/sklearn/utils.py`, mlflow-compat 8.4): precision, recall and F1 weighted by support
 * over the sorted union of true and predicted labels, log loss and ROC AUC (binary: the score of
 * the greater label; multiclass: one-vs-one, weighted by prevalence) from class probabilities,
 * and regression errors averaged uniformly over outputs. Pure functions over plain arrays.
 */

/** Label order as numpy's `np.unique` sorts it: numbers numerically, otherwise by string. */
export function sortedLabels(values: Iterable<unknown>): unknown[] {
  const unique = [...new Set(values)];
  return unique.every((v) => typeof v === 'number') ? (unique as number[]).sort((a, b) => a - b) : unique.sort((a, b) => String(a).localeCompare(String(b)));
}

/** Accuracy and support-weighted precision, recall and F1 (zero where a ratio is 0/0, as sklearn). */
export function classificationScores(yTrue: readonly unknown[], yPred: readonly unknown[]): { accuracy: number; precision: number; recall: number; f1: number } {
  const n = yTrue.length;
  let correct = 0;
  const tp = new Map<unknown, number>();
  const predicted = new Map<unknown, number>();
  const support = new Map<unknown, number>();
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    support.set(t, (support.get(t) ?? 0) + 1);
    predicted.set(p, (predicted.get(p) ?? 0) + 1);
    if (t === p) {
      correct++;
      tp.set(t, (tp.get(t) ?? 0) + 1);
    }
  }
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (const label of sortedLabels([...support.keys(), ...predicted.keys()])) {
    const weight = (support.get(label) ?? 0) / n;
    if (weight === 0) continue;
    const hits = tp.get(label) ?? 0;
    const p = predicted.get(label) ? hits / predicted.get(label)! : 0;
    const r = hits / support.get(label)!;
    precision += weight * p;
    recall += weight * r;
    f1 += weight * (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  }
  return { accuracy: correct / n, precision, recall, f1 };
}

/** sklearn's `log_loss`: probabilities clipped to [eps, 1 - eps] and each row normalized. */
export function logLoss(yTrue: readonly unknown[], proba: readonly number[][], classes: readonly unknown[]): number {
  const eps = Number.EPSILON;
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const row = proba[i]!.map((p) => Math.min(Math.max(p, eps), 1 - eps));
    const sum = row.reduce((a, b) => a + b, 0);
    const k = classes.indexOf(yTrue[i]);
    total -= Math.log(row[k]! / sum);
  }
  return total / yTrue.length;
}

/** Binary ROC AUC: the Mann-Whitney statistic, ties ranked by their average rank. */
export function binaryRocAuc(positive: readonly boolean[], scores: readonly number[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) ranks[order[j]![1]] = rank;
    start = end + 1;
  }
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  const rankSum = positive.reduce((sum, p, i) => (p ? sum + ranks[i]! : sum), 0);
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * MLflow's `training_roc_auc`: binary → AUC of the greater label's probability; multiclass →
 * one-vs-one AUC averaged with weights = each pair's prevalence. NaN when undefined (one class,
 * or multiclass scores that are not probabilities, where sklearn raises).
 */
export function rocAuc(yTrue: readonly unknown[], proba: readonly number[][], classes: readonly unknown[]): number {
  const present = sortedLabels(yTrue);
  if (present.length < 2) return Number.NaN;
  if (classes.length === 2) return binaryRocAuc(yTrue.map((y) => y === classes[1]), proba.map((row) => row[1]!));
  // NB: sklearn's check (np.allclose(1, row sums)): rounded vote shares still count as probabilities.
  if (proba.some((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) > 1e-8 + 1e-5)) return Number.NaN;
  let weighted = 0;
  let weights = 0;
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      const [a, b] = [present[i], present[j]];
      const rows = yTrue.map((y, k) => [y, k] as const).filter(([y]) => y === a || y === b);
      const prevalence = rows.length / yTrue.length;
      const ca = classes.indexOf(a);
      const cb = classes.indexOf(b);
      const aScore = binaryRocAuc(rows.map(([y]) => y === a), rows.map(([, k]) => proba[k]![ca]!));
      const bScore = binaryRocAuc(rows.map(([y]) => y === b), rows.map(([, k]) => proba[k]![cb]!));
      weighted += prevalence * ((aScore + bScore) / 2);
      weights += prevalence;
    }
  }
  return weighted / weights;
}

/** The training metrics of a classifier, named as MLflow's sklearn autolog names them. */
export function classifierMetrics(yTrue: readonly unknown[], yPred: readonly unknown[], probabilities?: { proba: number[][]; classes: unknown[] }): Record<string, number> {
  const s = classificationScores(yTrue, yPred);
  const metrics: Record<string, number> = {
    training_accuracy_score: s.accuracy,
    training_precision_score: s.precision,
    training_recall_score: s.recall,
    training_f1_score: s.f1,
    training_score: s.accuracy,
  };
  if (probabilities) {
    metrics.training_log_loss = logLoss(yTrue, probabilities.proba, probabilities.classes);
    const auc = rocAuc(yTrue, probabilities.proba, probabilities.classes);
    if (!Number.isNaN(auc)) metrics.training_roc_auc = auc;
  }
  return metrics;
}

function columns(rows: readonly (readonly number[])[]): number[][] {
  return rows[0]!.map((_, j) => rows.map((row) => row[j]!));
}

/** The training metrics of a regressor (one output, or several averaged uniformly). */
export function regressorMetrics(yTrue: readonly number[] | readonly number[][], yPred: readonly number[] | readonly number[][]): Record<string, number> {
  const multi = Array.isArray(yTrue[0]);
  const trueCols = multi ? columns(yTrue as number[][]) : [yTrue as number[]];
  const predCols = multi ? columns(yPred as number[][]) : [yPred as number[]];
  const per = trueCols.map((t, j) => {
    const p = predCols[j]!;
    const n = t.length;
    const mean = t.reduce((a, b) => a + b, 0) / n;
    let se = 0;
    let ae = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      se += (t[i]! - p[i]!) ** 2;
      ae += Math.abs(t[i]! - p[i]!);
      ss += (t[i]! - mean) ** 2;
    }
    // NB: sklearn's force_finite: a constant target scores 1 if predicted exactly, else 0.
    const r2 = ss === 0 ? (se === 0 ? 1 : 0) : 1 - se / ss;
    return { mse: se / n, rmse: Math.sqrt(se / n), mae: ae / n, r2 };
  });
  const mean = (key: 'mse' | 'rmse' | 'mae' | 'r2') => per.reduce((a, m) => a + m[key], 0) / per.length;
  return {
    training_mean_squared_error: mean('mse'),
    training_root_mean_squared_error: mean('rmse'),
    training_mean_absolute_error: mean('mae'),
    training_r2_score: mean('r2'),
    training_score: mean('r2'),
  };
}

/** k-means inertia: the sum of squared Euclidean distances of the points to their centroids. */
export function inertia(points: readonly (readonly number[])[], centroids: readonly (readonly number[])[], clusters: readonly number[]): number {
  let total = 0;
  points.forEach((point, i) => {
    const centroid = centroids[clusters[i]!]!;
    for (let j = 0; j < point.length; j++) total += (point[j]! - centroid[j]!) ** 2;
  });
  return total;
}
