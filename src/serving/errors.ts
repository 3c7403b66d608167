/**
 * The scoring server's errors, as MLflow's answers them: an `MlflowException` serialized as
 * `{"error_code", "message", "sqlstate"?, "error_class"?, "stack_trace"?}` with the HTTP status
 * of its code (`mlflow/exceptions.py::MlflowException.serialize_as_json`, `ERROR_CODE_TO_HTTP_STATUS`;
 * sqlstate and error_class derived as `mlflow/error_classification.py` derives them).
 */
import { MlflowAutologError } from '../errors';

/** The `error_code`s the server answers with. */
export type ScoringErrorCode = 'BAD_REQUEST' | 'INVALID_PARAMETER_VALUE' | 'DEADLINE_EXCEEDED';

/** error_code → [error_class, sqlstate], for the codes above (`_CLIENT_ERROR_CODE_TO_*`). */
const CLASSIFICATION: Record<ScoringErrorCode, [string, string] | undefined> = {
  BAD_REQUEST: ['INVALID_PARAMETER_VALUE', 'KAM00'],
  INVALID_PARAMETER_VALUE: ['INVALID_PARAMETER_VALUE', 'KAM00'],
  DEADLINE_EXCEEDED: undefined,
};

/** MLflow's hint on every payload without exactly one format key (`SCORING_PROTOCOL_CHANGE_INFO`). */
export const SCORING_PROTOCOL_CHANGE_INFO =
  'IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version 2.0. If you are' +
  ' seeing this error, you are likely using an outdated scoring request format. To resolve the' +
  " error, either update your request format or adjust your MLflow Model's requirements file to" +
  " specify an older version of MLflow (for example, change the 'mlflow' requirement specifier" +
  " to 'mlflow==1.30.0'). If you are making a request using the MLflow client" +
  ' (e.g. via `mlflow.pyfunc.spark_udf()`), upgrade your MLflow client to a version >= 2.0 in' +
  ' order to use the new request format. For more information about the updated MLflow' +
  ' Model scoring protocol in MLflow 2.0, see' +
  ' https://mlflow.org/docs/latest/models.html#deploy-mlflow-models.';

/** A request the server refuses, or a prediction that failed: see the module comment. */
export class ScoringError extends MlflowAutologError {
  constructor(
    message: string,
    /** The HTTP status of the answer. */
    readonly status: number,
    readonly errorCode: ScoringErrorCode,
    readonly extra: { errorClass?: string; stackTrace?: string } = {},
  ) {
    super(message);
  }

  /** The answer's body: MLflow's error JSON. */
  toJson(): string {
    const [errorClass, sqlstate] = this.extra.errorClass
      ? [this.extra.errorClass, this.extra.errorClass === 'SCHEMA_ENFORCEMENT_FAILED' ? 'KAM01' : undefined]
      : (CLASSIFICATION[this.errorCode] ?? []);
    return JSON.stringify({
      error_code: this.errorCode,
      message: this.message,
      ...(sqlstate === undefined ? {} : { sqlstate }),
      ...(errorClass === undefined ? {} : { error_class: errorClass }),
      ...(this.extra.stackTrace === undefined ? {} : { stack_trace: this.extra.stackTrace }),
    });
  }
}

/** Python's name for the type of a JSON value, as MLflow's messages show it. */
export function pyType(value: unknown): string {
  if (value === null) return "<class 'NoneType'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'number') return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}

/** A payload MLflow calls invalid input (`MlflowInvalidInputException`: "Invalid input. …"). */
export function invalidInput(message: string): ScoringError {
  return new ScoringError(`Invalid input. ${message}`, 400, 'BAD_REQUEST');
}

/** A JSON payload without exactly one format key (`infer_and_parse_data`). */
export function badFormatKeys(message: string): ScoringError {
  return new ScoringError(message, 400, 'BAD_REQUEST');
}

/** The input does not match the model's signature (`Failed to enforce schema`, KAM01). */
export function schemaEnforcementFailed(message: string): ScoringError {
  return new ScoringError(`Failed to enforce schema of the input with the model signature. Error: ${message}`, 400, 'INVALID_PARAMETER_VALUE', {
    errorClass: 'SCHEMA_ENFORCEMENT_FAILED',
  });
}

/** The model threw: MLflow's message, with the model's stack (`invocations`, the generic except). */
export function modelFailed(error: unknown): ScoringError {
  const stackTrace = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return new ScoringError(
    'Encountered an unexpected error while evaluating the model. Verify that the serialized input Dataframe is compatible with the model for inference.',
    400,
    'BAD_REQUEST',
    { stackTrace },
  );
}

/**
 * A content type the server does not read. MLflow answers these 415 in text/plain; this server
 * keeps the status and the message but answers in the error JSON, like every other error.
 */
export function unsupportedMediaType(message: string): ScoringError {
  return new ScoringError(message, 415, 'BAD_REQUEST');
}

/** A body past the server's limit (MLflow has none; 413 is HTTP's answer). */
export function bodyTooLarge(limit: number): ScoringError {
  return new ScoringError(
    `The request body is larger than this server's limit of ${limit} bytes: send smaller batches, or start the server with a larger --max-body-bytes.`,
    413,
    'BAD_REQUEST',
  );
}

/** The request took longer than the server's timeout (MLflow's `timeout_middleware`, 504). */
export function deadlineExceeded(): ScoringError {
  return new ScoringError('Request processing time exceeded limit', 504, 'DEADLINE_EXCEEDED');
}
