"""How the store holds one object, read through MLflow's own repository clients: cloud_object_info.py URI

s3://bucket/key (boto3 as MLflow's S3ArtifactRepository sets it up, MLFLOW_S3_ENDPOINT_URL and all):
{"size", "etag" (a multipart upload's ends in -<parts>), "sse", "content_type"}.
wasbs://container@account.blob.core.windows.net/key (MLflow's AzureBlobArtifactRepository client,
from AZURE_STORAGE_CONNECTION_STRING): {"size", "blocks" (committed blocks; 0 for a single Put Blob),
"content_type"}.
"""
import json
import sys

uri = sys.argv[1]
if uri.startswith("s3://"):
    from mlflow.store.artifact.s3_artifact_repo import S3ArtifactRepository

    repo = S3ArtifactRepository(uri)
    bucket, key = repo.parse_s3_compliant_uri(uri)
    head = repo._get_s3_client().head_object(Bucket=bucket, Key=key)
    print(json.dumps({
        "size": head["ContentLength"],
        "etag": head["ETag"].strip('"'),
        "sse": head.get("ServerSideEncryption"),
        "content_type": head.get("ContentType"),
    }))
else:
    from mlflow.store.artifact.azure_blob_artifact_repo import AzureBlobArtifactRepository

    repo = AzureBlobArtifactRepository(uri)
    container, _, key, _ = repo.parse_wasbs_uri(uri)
    blob = repo.client.get_blob_client(container, key)
    props = blob.get_blob_properties()
    committed, _ = blob.get_block_list("committed")
    print(json.dumps({
        "size": props.size,
        "blocks": len(committed),
        "content_type": props.content_settings.content_type,
    }))
