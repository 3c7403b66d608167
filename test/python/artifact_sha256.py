"""Downloads one run artifact with MlflowClient and prints its size and sha256: artifact_sha256.py URI RUN_ID PATH"""
import hashlib
import json
import os
import sys
import tempfile

from mlflow.tracking import MlflowClient

uri, run_id, path = sys.argv[1:4]
with tempfile.TemporaryDirectory() as dest:
    local = MlflowClient(tracking_uri=uri).download_artifacts(run_id, path, dest)
    digest = hashlib.sha256()
    with open(local, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    print(json.dumps({"size": os.path.getsize(local), "sha256": digest.hexdigest()}))
