"""Prints, as JSON, everything MLflow's client reads of one experiment, free of store-given ids.

Usage: dump_experiment.py <tracking uri> <experiment name>

Runs are named by their sync key (the agent's run token tag, else "sync-<run id>" as `sync` makes
it) and listed sorted by it, so a run copied twice shows up twice. A run's parent, its logged
models and their registrations are named through the same keys. Used to compare a local store with
the server it was synced to.
"""
import json
import math
import sys

import mlflow
from mlflow import MlflowClient

TOKEN = "mlflow-autolog.run_token"
MODEL_TOKEN = "mlflow-autolog.model_token"
SERVER_KEPT_MODEL_TAGS = {MODEL_TOKEN, "mlflow.modelVersions"}

uri, name = sys.argv[1], sys.argv[2]
mlflow.set_tracking_uri(uri)
client = MlflowClient(uri)
experiment = client.get_experiment_by_name(name)
runs = client.search_runs([experiment.experiment_id], max_results=1000) if experiment else []
key_of = {run.info.run_id: run.data.tags.get(TOKEN, "sync-" + run.info.run_id) for run in runs}


def number(value):
    return value if math.isfinite(value) else str(value)


def artifacts(list_fn, path=None):
    found = []
    for entry in list_fn(path):
        if entry.is_dir:
            found += artifacts(list_fn, entry.path)
        else:
            found.append([entry.path, entry.file_size])
    return sorted(found)


def mlmodel_of(model):
    """The MLmodel file, less what names the store's ids (rewritten when a model moves to a server)."""
    import os
    import tempfile

    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        local = mlflow.artifacts.download_artifacts(artifact_uri=model.artifact_location + "/MLmodel", dst_path=tmp)
        spec = yaml.safe_load(open(local))
    for key in ("run_id", "model_id", "model_uuid", "artifact_path"):
        spec.pop(key, None)
    return spec


def model_of(model_id):
    model = client.get_logged_model(model_id)
    versions = client.search_model_versions(f"name = '{sys.argv[3]}'") if len(sys.argv) > 3 else []
    return {
        "name": model.name,
        "status": str(model.status),
        "model_type": model.model_type,
        "source_run": key_of.get(model.source_run_id),
        "params": dict(model.params),
        "tags": {k: v for k, v in model.tags.items() if k not in SERVER_KEPT_MODEL_TAGS and not k.startswith("mlflow.")},
        "artifacts": [a for a in artifacts(lambda path: client.list_logged_model_artifacts(model_id, path)) if a[0] != "MLmodel"],
        "mlmodel": mlmodel_of(model),
        "versions": sorted(
            [v.name, int(v.version), sorted(v.aliases), v.status]
            for v in versions
            if v.source == f"models:/{model_id}"
        ),
    }


dumped = []
for run in runs:
    info, data = run.info, run.data
    dumped.append({
        "key": key_of[info.run_id],
        "name": info.run_name,
        "status": info.status,
        "start_time": info.start_time,
        "end_time": info.end_time,
        "user_id": info.user_id,
        "params": data.params,
        "tags": {k: v for k, v in data.tags.items() if k not in (TOKEN, "mlflow.parentRunId")},
        "parent": key_of.get(data.tags.get("mlflow.parentRunId"), data.tags.get("mlflow.parentRunId")),
        "metrics": {
            key: [[m.step, m.timestamp, number(m.value)] for m in sorted(client.get_metric_history(info.run_id, key), key=lambda m: (m.step, m.timestamp))]
            for key in sorted(data.metrics)
        },
        "datasets": sorted([d.dataset.name, d.dataset.digest, d.dataset.source_type] for d in run.inputs.dataset_inputs),
        "artifacts": artifacts(lambda path: client.list_artifacts(info.run_id, path)),
        "models": [[o.step, model_of(o.model_id)] for o in (run.outputs.model_outputs if run.outputs else [])],
    })
dumped.sort(key=lambda r: r["key"])
print(json.dumps(dumped, sort_keys=True))
