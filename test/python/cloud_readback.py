"""Reads back, with MLflow's own Python client, what mlflow-autolog wrote to a cloud artifact store.

Usage: cloud_readback.py TRACKING_URI JOBS_JSON

JOBS_JSON is a list; each job is one of
- {"uri": ARTIFACT_URI} or {"run": RUN_ID, "path": ARTIFACT_PATH or null}: downloaded with
  mlflow.artifacts.download_artifacts into a new folder, as `mlflow artifacts download` does. Gives
  {"files": {path relative to the returned folder (a file's own name, for a file): sha256 of its bytes}}.
- {"object": "s3://bucket/key" or "wasbs://container@account.blob.core.windows.net/key"}: how the
  store holds that object, read through the client MLflow's repository builds from the environment
  (MLFLOW_S3_ENDPOINT_URL and the AWS variables; AZURE_STORAGE_CONNECTION_STRING). S3 gives
  {"size", "etag" (a multipart upload's ends in -<parts>), "sse", "content_type"}; Azure gives
  {"size", "blocks" (committed blocks; 0 for a blob put whole), "content_type"}.
Prints the list of results as one JSON line.
"""
import hashlib
import json
import os
import sys
import tempfile

import mlflow


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(job, tracking_uri):
    with tempfile.TemporaryDirectory() as dest:
        local = mlflow.artifacts.download_artifacts(
            artifact_uri=job.get("uri"), run_id=job.get("run"), artifact_path=job.get("path"), dst_path=dest, tracking_uri=tracking_uri
        )
        if os.path.isfile(local):
            return {"files": {os.path.basename(local): sha256(local)}}
        files = {}
        for root, _dirs, names in os.walk(local):
            for name in names:
                path = os.path.join(root, name)
                files[os.path.relpath(path, local).replace(os.sep, "/")] = sha256(path)
        return {"files": files}


def describe(uri):
    if uri.startswith("s3://"):
        from mlflow.store.artifact.s3_artifact_repo import S3ArtifactRepository

        repo = S3ArtifactRepository(uri)
        bucket, key = repo.parse_s3_compliant_uri(uri)
        head = repo._get_s3_client().head_object(Bucket=bucket, Key=key)
        return {
            "size": head["ContentLength"],
            "etag": head["ETag"].strip('"'),
            "sse": head.get("ServerSideEncryption"),
            "content_type": head.get("ContentType"),
        }
    from mlflow.store.artifact.azure_blob_artifact_repo import AzureBlobArtifactRepository

    repo = AzureBlobArtifactRepository(uri)
    container, _, key, _ = repo.parse_wasbs_uri(uri)
    blob = repo.client.get_blob_client(container, key)
    props = blob.get_blob_properties()
    committed, _ = blob.get_block_list("committed")
    return {"size": props.size, "blocks": len(committed), "content_type": props.content_settings.content_type}


tracking_uri, jobs = sys.argv[1], json.loads(sys.argv[2])
mlflow.set_tracking_uri(tracking_uri)
print(json.dumps([describe(job["object"]) if "object" in job else download(job, tracking_uri) for job in jobs]))
