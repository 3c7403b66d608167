"""Logged models and the model registry through MLflow's own Python client, for the Node tests.

Usage:
  logged_models.py read TRACKING_URI MODEL_ID REGISTERED_NAME
      prints what MlflowClient reads of the logged model, its experiment's models and the
      registered model (versions, aliases, download URIs) as JSON.
  logged_models.py write TRACKING_URI
      logs a run, a logged model with params, tags and a metric, registers it (as
      mlflow.register_model does) and a second version from a path, and prints the ids as JSON.
  logged_models.py create-at REVISION DB_PATH
      creates an MLflow database at the schema revision REVISION (as `mlflow db upgrade` would,
      stopped there).
  logged_models.py upgrade DB_PATH
      upgrades a database to the pinned MLflow's head (`mlflow db upgrade`).
"""
import json
import sys

import mlflow
from mlflow import MlflowClient


def version_dict(mv):
    return {
        "name": mv.name,
        "version": str(mv.version),
        "creation_timestamp": mv.creation_timestamp,
        "last_updated_timestamp": mv.last_updated_timestamp,
        "description": mv.description,
        "user_id": mv.user_id,
        "current_stage": mv.current_stage,
        "source": mv.source,
        "run_id": mv.run_id,
        "run_link": mv.run_link,
        "status": mv.status,
        "status_message": mv.status_message,
        "tags": mv.tags,
        "aliases": list(mv.aliases),
    }


def model_dict(m):
    return {
        "model_id": m.model_id,
        "experiment_id": m.experiment_id,
        "name": m.name,
        "artifact_location": m.artifact_location,
        "creation_timestamp": m.creation_timestamp,
        "last_updated_timestamp": m.last_updated_timestamp,
        "status": str(m.status),
        "model_type": m.model_type,
        "source_run_id": m.source_run_id,
        "status_message": m.status_message,
        "tags": m.tags,
        "params": m.params,
        "metrics": [
            {
                "key": x.key, "value": x.value, "timestamp": x.timestamp, "step": x.step, "run_id": x.run_id,
                "model_id": x.model_id, "dataset_name": x.dataset_name, "dataset_digest": x.dataset_digest,
            }
            for x in (m.metrics or [])
        ],
    }


def read(uri, model_id, name):
    client = MlflowClient(uri)
    model = client.get_logged_model(model_id)
    registered = client.get_registered_model(name)
    versions = client.search_model_versions(f"name = '{name}'")
    print(json.dumps({
        "model": model_dict(model),
        "search": [m.model_id for m in client.search_logged_models(experiment_ids=[model.experiment_id])],
        "search_by_param": [
            m.model_id for m in client.search_logged_models(
                experiment_ids=[model.experiment_id], filter_string="params.lr = '0.01' AND status = 'READY'",
            )
        ],
        "registered": {
            "name": registered.name,
            "creation_timestamp": registered.creation_timestamp,
            "last_updated_timestamp": registered.last_updated_timestamp,
            "description": registered.description,
            "tags": registered.tags,
            "aliases": registered.aliases,
            "latest_versions": [version_dict(v) for v in registered.latest_versions],
        },
        "versions": [version_dict(v) for v in versions],
        "by_alias": {alias: version_dict(client.get_model_version_by_alias(name, alias)) for alias in registered.aliases},
        "download_uris": {v.version: client.get_model_version_download_uri(name, v.version) for v in versions},
        "run_outputs": [
            [o.model_id, o.step] for o in client.get_run(model.source_run_id).outputs.model_outputs
        ] if model.source_run_id else [],
    }))


def write(uri):
    import os

    from mlflow.entities import LoggedModelStatus, Metric

    # NB: as a user runs a script next to the database: artifacts go to ./mlruns of its folder.
    os.chdir(os.path.dirname(uri[len("sqlite:///"):]))
    mlflow.set_tracking_uri(uri)
    client = MlflowClient(uri)
    experiment_id = client.create_experiment("made-by-python")
    run = client.create_run(experiment_id, run_name="py-run")
    run_id = run.info.run_id
    model = client.create_logged_model(
        experiment_id, name="py-model", source_run_id=run_id, params={"alpha": "0.5"},
        tags={"origin": "python"}, model_type="sklearn",
    )
    client.log_batch(run_id, metrics=[
        Metric("rmse", 0.25, 1700000000000, 2, model_id=model.model_id, dataset_name="holdout", dataset_digest="f00d"),
    ])
    client.finalize_logged_model(model.model_id, LoggedModelStatus.READY)
    client.create_registered_model("PyModel")
    first = mlflow.register_model(f"models:/{model.model_id}", "PyModel")
    client.set_registered_model_alias("PyModel", "prod", first.version)
    second = client.create_model_version("PyModel", "/data/py-model-copy", run_id=run_id, tags={"copy": "yes"})
    print(json.dumps({
        "experiment_id": experiment_id, "run_id": run_id, "model_id": model.model_id,
        "versions": [str(first.version), str(second.version)],
    }))


def create_at(revision, path):
    import sqlalchemy
    from alembic import command
    from mlflow.store.db.utils import InitialBase, _get_alembic_config

    url = f"sqlite:///{path}"
    engine = sqlalchemy.create_engine(url)
    InitialBase.metadata.create_all(engine)
    config = _get_alembic_config(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    print(json.dumps(revision))


def upgrade(path):
    import sqlalchemy
    from mlflow.store.db.utils import _upgrade_db

    _upgrade_db(sqlalchemy.create_engine(f"sqlite:///{path}"))
    print(json.dumps("head"))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"read": read, "write": write, "create-at": create_at, "upgrade": upgrade}[command](*args)
