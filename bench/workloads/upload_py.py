"""Upload workload, MLflow's Python client: python upload_py.py <file>

With MLFLOW_TRACKING_URI and MLFLOW_EXPERIMENT_ID set. Creates a run (not timed), then times
MlflowClient.log_artifact(run_id, file), the peak RSS it reaches over the RSS before it, and the
CPU time (every thread) the call took. Prints {"runId", "ms", "cpuMs", "baseMiB", "peakMiB"}.
"""

import json
import os
import sys
import time

from memory import peak, reset_peak
from mlflow.tracking import MlflowClient

client = MlflowClient()
run_id = client.create_run(os.environ["MLFLOW_EXPERIMENT_ID"]).info.run_id
base = reset_peak()
cpu_start = time.process_time()
start = time.perf_counter()
client.log_artifact(run_id, sys.argv[1])
ms = (time.perf_counter() - start) * 1000
cpu_ms = (time.process_time() - cpu_start) * 1000
top = peak()
client.set_terminated(run_id)
print(json.dumps({"runId": run_id, "ms": ms, "cpuMs": cpu_ms, "baseMiB": base, "peakMiB": top}))
