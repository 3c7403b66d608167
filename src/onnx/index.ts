/**
 * `mlflow-autolog/onnx`: the `onnx` flavor on its own. `onnxModel.saveModel(bytes, path)` and
 * `onnxModel.logModel(bytes)` package an ONNX file so that Python MLflow loads and serves it;
 * `loadModel(uri)` runs any model with an `onnx` flavor (also one logged from Python) through
 * onnxruntime-node. To add the flavor to a model trained here, pass `onnx: true` to a flavor's
 * `saveModel` / `logModel`, or autolog with `logOnnx`.
 */
export { loadJsFunction, onnxModel, ONNX_FLAVOR_NAME } from './flavor';
export { OnnxExportError } from './graph';
