"""Saves a small scikit-learn MLP classifier as an MLflow model, for the serving tests and benchmark.

    python save_sklearn_mlp.py <dir> tensor|columns

The same task as examples/tfjs-preload: 4 features in [0, 1), 3 classes decided by
x0 + 2 x1 - x2; one hidden layer of 16 units; the pyfunc predicts class probabilities
(predict_proba), as the tfjs model's softmax does. `tensor` trains on a float32 array (signature
float32 [-1, 4], served like the tfjs model); `columns` on a DataFrame of double columns a, b, c, d
(a column signature, which MLflow also reads from CSV).
"""

import sys
import warnings

import numpy as np
import pandas as pd

import mlflow
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings("ignore")
path, layout = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(42)
features = rng.random((200, 4))
score = features[:, 0] + 2 * features[:, 1] - features[:, 2]
labels = np.where(score < 0.6, 0, np.where(score < 1.4, 1, 2))
X = features.astype(np.float32) if layout == "tensor" else pd.DataFrame(features, columns=["a", "b", "c", "d"])
model = MLPClassifier(hidden_layer_sizes=(16,), max_iter=300, random_state=1).fit(X, labels)
# NB: cloudpickle: the default skops format refuses the MLP's optimizer as an untrusted type.
mlflow.sklearn.save_model(model, path, input_example=X[:5], pyfunc_predict_fn="predict_proba", serialization_format="cloudpickle")
print(path)
