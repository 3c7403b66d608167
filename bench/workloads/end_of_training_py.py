"""End-of-training workload, MLflow's Python client: the same task as the tfjs workload
(4 seeded features, 3 classes, one hidden layer of 16 units) with scikit-learn's MLPClassifier,
then mlflow.sklearn.log_model of the fitted model with an input example (so a signature), inside a
run: what sklearn autologging does after fit. With MLFLOW_TRACKING_URI and MLFLOW_EXPERIMENT_ID
set. Prints {"trainEndMs"} (epoch ms); the bench reads when the model became READY on the server.
"""

import json
import time
import warnings

import numpy as np

import mlflow
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings("ignore")
rng = np.random.default_rng(42)
features = rng.random((150, 4)).astype(np.float32)
score = features[:, 0] + 2 * features[:, 1] - features[:, 2]
labels = np.where(score < 0.6, 0, np.where(score < 1.4, 1, 2))
with mlflow.start_run():
    model = MLPClassifier(hidden_layer_sizes=(16,), max_iter=40, random_state=1).fit(features, labels)
    train_end = time.time()
    # NB: cloudpickle: the default skops format refuses the MLP's optimizer as an untrusted type.
    mlflow.sklearn.log_model(model, name="model", input_example=features[:5], serialization_format="cloudpickle")
print(json.dumps({"trainEndMs": train_end * 1000}))
