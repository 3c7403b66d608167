"""Reads a run back with MLflow's own Python client and prints it as JSON for the Node tests.

Usage: read_run.py TRACKING_URI RUN_ID
NaN and ±Infinity are printed as the strings "NaN", "Infinity", "-Infinity" (JSON has no literal).
"""
import json
import math
import sys

import mlflow
from mlflow.tracking import MlflowClient


def num(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    return v


def list_all(client, run_id, path=None):
    out = []
    for f in client.list_artifacts(run_id, path):
        out.append({"path": f.path, "is_dir": f.is_dir, "file_size": f.file_size})
        if f.is_dir:
            out.extend(list_all(client, run_id, f.path))
    return out


def main():
    uri, run_id = sys.argv[1], sys.argv[2]
    # NB: MLflow 2.x resolves mlflow-artifacts: URIs against the global tracking URI only.
    mlflow.set_tracking_uri(uri)
    client = MlflowClient(tracking_uri=uri)
    run = client.get_run(run_id)
    metrics = {}
    for key in run.data.metrics:
        history = client.get_metric_history(run_id, key)
        metrics[key] = [{"step": m.step, "value": num(m.value), "timestamp": m.timestamp} for m in history]
    print(json.dumps({
        "info": {
            "run_id": run.info.run_id,
            "run_name": run.info.run_name,
            "experiment_id": run.info.experiment_id,
            "status": run.info.status,
            "start_time": run.info.start_time,
            "end_time": run.info.end_time,
            "user_id": run.info.user_id,
            "artifact_uri": run.info.artifact_uri,
            "lifecycle_stage": run.info.lifecycle_stage,
        },
        "params": run.data.params,
        "tags": run.data.tags,
        "metrics": metrics,
        "artifacts": list_all(client, run_id),
        "inputs": [
            {"name": d.dataset.name, "digest": d.dataset.digest, "source_type": d.dataset.source_type,
             "schema": d.dataset.schema, "profile": d.dataset.profile,
             "tags": {t.key: t.value for t in d.tags}}
            for d in (run.inputs.dataset_inputs if run.inputs else [])
        ],
        # NB: MLflow 2.x runs have no outputs.
        "outputs": [m.model_id for m in (getattr(run, "outputs", None).model_outputs if getattr(run, "outputs", None) else [])],
    }))


if __name__ == "__main__":
    main()
