"""Loads a model logged from Node by its URI with MLflow's pyfunc (through the onnx flavor's
python_function block), checks its ONNX file with onnx.checker, and predicts on its own input
example cast to the signature's dtype. Prints JSON: flavors, the example and the predictions
(a single output or column unwrapped; several as an object by name).

Usage: onnx_pyfunc.py MODEL_URI   (MLFLOW_TRACKING_URI set)
"""
import json
import os
import sys

import mlflow
import numpy as np
import onnx
import pandas as pd
from mlflow.models import Model


def plain(value):
    if isinstance(value, dict):
        items = {k: plain(v) for k, v in value.items()}
        return next(iter(items.values())) if len(items) == 1 else items
    if isinstance(value, pd.DataFrame):
        return plain({c: value[c].to_numpy() for c in value.columns})
    return np.asarray(value).tolist()


uri = sys.argv[1]
local = mlflow.artifacts.download_artifacts(uri)
meta = Model.load(local)
onnx_file = os.path.join(local, meta.flavors["onnx"]["data"])
onnx.checker.check_model(onnx.load(onnx_file), full_check=True)

example = meta.load_input_example(local)
inputs = meta.signature.inputs if meta.signature else None
if isinstance(example, np.ndarray) and inputs is not None and inputs.is_tensor_spec():
    example = example.astype(inputs.numpy_types()[0])

model = mlflow.pyfunc.load_model(uri)
predictions = model.predict(example)
print(json.dumps({
    "flavors": sorted(meta.flavors),
    "loader_module": meta.flavors["python_function"]["loader_module"],
    "predictions": plain(predictions),
}))
