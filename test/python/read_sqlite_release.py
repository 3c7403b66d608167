"""Reads what the agent wrote into an MLflow SQLite database back with whichever MLflow this Python
imports (an older release shadows the pinned one through PYTHONPATH), and prints it as JSON.

Usage: read_sqlite_release.py DB_PATH EXPERIMENT_ID RUN_ID [MODELS_JSON]
MODELS_JSON, when given: {"model_id": ..., "registered_name": ..., "version": ..., "alias": ...}.
NaN and ±Infinity are printed as the strings "NaN", "Infinity", "-Infinity" (JSON has no literal).
The schema revision is read before and after the client opens the database: MLflow upgrades a
database it finds incomplete when it opens it, and this shows whether it did.
"""
import json
import math
import sqlite3
import sys

import mlflow
from mlflow.tracking import MlflowClient


def num(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    return v


def revision(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("select version_num from alembic_version").fetchone()[0]
    finally:
        con.close()


def run_info(run):
    i = run.info
    return {
        "run_id": i.run_id, "run_name": i.run_name, "experiment_id": i.experiment_id, "status": i.status,
        "start_time": i.start_time, "end_time": i.end_time, "user_id": i.user_id,
        "artifact_uri": i.artifact_uri, "lifecycle_stage": i.lifecycle_stage,
    }


def read_models(client, spec):
    m = client.get_logged_model(spec["model_id"])
    out = {
        "logged_model": {
            "model_id": m.model_id, "experiment_id": m.experiment_id, "name": m.name,
            "artifact_location": m.artifact_location, "status": str(m.status),
            "model_type": m.model_type, "source_run_id": m.source_run_id,
            "params": m.params, "tags": m.tags,
            "metrics": sorted(
                [{"key": x.key, "value": num(x.value), "step": x.step, "timestamp": x.timestamp, "run_id": x.run_id,
                  "dataset_name": x.dataset_name, "dataset_digest": x.dataset_digest, "model_id": x.model_id}
                 for x in (m.metrics or [])],
                key=lambda x: (x["key"], x["step"]),
            ),
        },
        "searched_models": [x.model_id for x in client.search_logged_models(experiment_ids=[m.experiment_id])],
    }
    name = spec["registered_name"]
    rm = client.get_registered_model(name)
    mv = client.get_model_version(name, spec["version"])
    by_alias = client.get_model_version_by_alias(name, spec["alias"])
    out["registered_model"] = {"name": rm.name, "aliases": rm.aliases}
    out["model_version"] = {
        "name": mv.name, "version": str(mv.version), "source": mv.source, "run_id": mv.run_id, "status": mv.status,
        "model_id": getattr(mv, "model_id", None), "tags": mv.tags, "aliases": list(mv.aliases),
        "current_stage": mv.current_stage,
    }
    out["version_by_alias"] = str(by_alias.version)
    out["download_uri"] = client.get_model_version_download_uri(name, spec["version"])
    return out


def main():
    path, experiment_id, run_id = sys.argv[1], sys.argv[2], sys.argv[3]
    models = json.loads(sys.argv[4]) if len(sys.argv) > 4 else None
    before = revision(path)
    client = MlflowClient(tracking_uri=f"sqlite:///{path}")
    experiment = client.get_experiment(experiment_id)
    run = client.get_run(run_id)
    histories = {
        key: [{"step": m.step, "value": num(m.value), "timestamp": m.timestamp} for m in client.get_metric_history(run_id, key)]
        for key in sorted(run.data.metrics)
    }
    searched = client.search_runs([experiment_id])
    # NB: MLflow filters and orders in SQL, so these read the stored params, tags and latest metrics.
    by_filter = client.search_runs(
        [experiment_id], filter_string="params.lr = '0.01' and tags.team = 'ml' and metrics.loss < 0.25 and attributes.status = 'FINISHED'"
    )
    none_found = client.search_runs([experiment_id], filter_string="metrics.loss > 1")
    inputs = run.inputs.dataset_inputs if run.inputs else []
    outputs = getattr(run, "outputs", None)
    result = {
        "mlflow_version": mlflow.__version__,
        "mlflow_file": mlflow.__file__,
        "revision_before": before,
        "experiment": {
            "experiment_id": experiment.experiment_id, "name": experiment.name,
            "artifact_location": experiment.artifact_location, "lifecycle_stage": experiment.lifecycle_stage,
            "tags": experiment.tags,
        },
        "experiments": sorted([e.experiment_id, e.name] for e in client.search_experiments()),
        "by_name": client.get_experiment_by_name(experiment.name).experiment_id,
        "run": {"info": run_info(run), "params": run.data.params, "tags": run.data.tags, "metrics": {k: num(v) for k, v in run.data.metrics.items()}},
        "histories": histories,
        "search": [run_info(r) for r in searched],
        "search_data": [{"params": r.data.params, "metrics": {k: num(v) for k, v in r.data.metrics.items()}} for r in searched],
        "search_filtered": [r.info.run_id for r in by_filter],
        "search_none": [r.info.run_id for r in none_found],
        "inputs": [
            {"name": d.dataset.name, "digest": d.dataset.digest, "source_type": d.dataset.source_type,
             "source": d.dataset.source, "schema": d.dataset.schema, "profile": d.dataset.profile,
             "tags": {t.key: t.value for t in d.tags}}
            for d in inputs
        ],
        "outputs": [{"model_id": o.model_id, "step": o.step} for o in (outputs.model_outputs if outputs else [])],
    }
    if models:
        result["models"] = read_models(client, models)
    result["revision_after"] = revision(path)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
