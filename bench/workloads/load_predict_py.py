"""Load-and-predict workload, MLflow's Python client: python load_predict_py.py <models:/id>

With MLFLOW_TRACKING_URI set. Times mlflow.pyfunc.load_model(uri) and a first predict of 5 rows
together (mlflow.pyfunc is imported first, not timed; scikit-learn loads inside load_model, as
it would for a user). The model is downloaded to a new temporary folder on each load, as the
agent's side is with a fresh cache. Prints {"loadMs"}.
"""

import json
import sys
import time
import warnings

import numpy as np

import mlflow.pyfunc

warnings.filterwarnings("ignore")
rows = np.random.default_rng(11).random((5, 4)).astype(np.float32)
start = time.perf_counter()
model = mlflow.pyfunc.load_model(sys.argv[1])
first = model.predict(rows)
ms = (time.perf_counter() - start) * 1000
assert len(first) == 5, f"the first prediction has {len(first)} rows, not 5"
print(json.dumps({"loadMs": ms}))
