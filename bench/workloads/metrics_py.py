"""Metrics workload, MLflow's Python client: python metrics_py.py <batch|async> <points>

With MLFLOW_TRACKING_URI and MLFLOW_EXPERIMENT_ID set. Creates a run (not timed), then logs
<points> points, 10 metrics per step as bench/workloads/metrics.cjs does:
  batch  MlflowClient.log_batch with 1,000 metrics per call (100 steps x 10 keys);
  async  mlflow.log_metrics(..., step=step, synchronous=False) once per step, then
         mlflow.flush_async_logging().
Prints {"runId", "startMs", "doneMs"} (epoch ms).
"""

import json
import math
import os
import sys
import time

import mlflow
from mlflow.entities import Metric
from mlflow.tracking import MlflowClient

KEYS = 10
mode, points = sys.argv[1], int(sys.argv[2])
keys = [f"m{k}" for k in range(KEYS)]
steps = points // KEYS

if mode == "batch":
    client = MlflowClient()
    run_id = client.create_run(os.environ["MLFLOW_EXPERIMENT_ID"]).info.run_id
    start = time.time()
    batch = []
    for step in range(steps):
        now = int(time.time() * 1000)
        batch.extend(Metric(key, math.sin(step + k), now, step) for k, key in enumerate(keys))
        if len(batch) == 1000:
            client.log_batch(run_id, metrics=batch)
            batch = []
    if batch:
        client.log_batch(run_id, metrics=batch)
    done = time.time()
    client.set_terminated(run_id)
elif mode == "async":
    run_id = mlflow.start_run().info.run_id
    start = time.time()
    for step in range(steps):
        mlflow.log_metrics({key: math.sin(step + k) for k, key in enumerate(keys)}, step=step, synchronous=False)
    mlflow.flush_async_logging()
    done = time.time()
    mlflow.end_run()
else:
    sys.exit(f"unknown mode {mode}")

print(json.dumps({"runId": run_id, "startMs": start * 1000, "doneMs": done * 1000}))
