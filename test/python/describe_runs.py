"""What MLflow's own client reads of an experiment's runs, in the shapes `mlflow-autolog runs --json` prints.

Usage: describe_runs.py TRACKING_URI EXPERIMENT_NAME [REGISTERED_MODEL_NAME]

Prints {"runs": [Run.to_dictionary() for each run, as search_runs orders them],
"models": {run_id: [each output logged model: LoggedModel.to_dictionary() without metrics, its
status by its REST name, the output's step and the versions of REGISTERED_MODEL_NAME made from it]}}.
NaN and +-Infinity are the strings "NaN", "Infinity", "-Infinity", as in MLflow's REST JSON.
"""
import json
import math
import sys

import mlflow
from mlflow import MlflowClient
from mlflow.protos.service_pb2 import LoggedModelStatus as ProtoStatus


def finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite(v) for v in value]
    return value


uri, name = sys.argv[1], sys.argv[2]
registered = sys.argv[3] if len(sys.argv) > 3 else None
mlflow.set_tracking_uri(uri)
client = MlflowClient(uri)
experiment = client.get_experiment_by_name(name)
runs = client.search_runs([experiment.experiment_id], max_results=1000)
versions = client.search_model_versions(f"name = '{registered}'") if registered else []

out = {"runs": [], "models": {}}
for run in runs:
    as_dict = run.to_dictionary()
    # NB: to_dictionary() leaves LoggedModelInput objects here; their one field is the id.
    as_dict["inputs"]["model_inputs"] = [{"model_id": m.model_id} for m in run.inputs.model_inputs]
    out["runs"].append(finite(as_dict))
    models = []
    for output in run.outputs.model_outputs:
        model = client.get_logged_model(output.model_id)
        d = model.to_dictionary()
        d.pop("metrics")
        d["status"] = ProtoStatus.Name(model.status.to_proto())
        d["step"] = output.step
        d["registrations"] = sorted(
            ({"name": v.name, "version": str(v.version)}
             for v in versions
             # NB: search results may leave model_id out; a logged model's registration has it as its source.
             if v.model_id == model.model_id or v.source == f"models:/{model.model_id}"),
            key=lambda r: int(r["version"]),
        )
        models.append(d)
    out["models"][run.info.run_id] = models
print(json.dumps(out))
