"""Downloads with MLflow's own mlflow.artifacts.download_artifacts and prints what landed where.

Usage: download_tree.py TRACKING_URI JOBS_JSON

JOBS_JSON is a list of {"uri": ARTIFACT_URI} or {"run": RUN_ID, "path": ARTIFACT_PATH or null},
each downloaded into a new folder, as `mlflow artifacts download -d DEST` would. Prints, per job,
{"local": the returned path relative to the folder ("." for itself), "files": {path relative to
the folder: sha256 of its bytes}}, to compare with `mlflow-autolog artifacts download`.
"""
import hashlib
import json
import os
import sys
import tempfile

import mlflow

tracking_uri, jobs = sys.argv[1], json.loads(sys.argv[2])
mlflow.set_tracking_uri(tracking_uri)

results = []
for job in jobs:
    with tempfile.TemporaryDirectory() as dest:
        local = mlflow.artifacts.download_artifacts(
            artifact_uri=job.get("uri"), run_id=job.get("run"), artifact_path=job.get("path"), dst_path=dest, tracking_uri=tracking_uri
        )
        files = {}
        for root, _dirs, names in os.walk(dest):
            for name in names:
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    files[os.path.relpath(path, dest)] = hashlib.sha256(f.read()).hexdigest()
        results.append({"local": os.path.relpath(local, dest), "files": files})
print(json.dumps(results))
