/**
 * Every error this package throws is a {@link MlflowAutologError}; the subclasses say where it
 * came from, so callers can tell bad configuration from a server's refusal.
 */
export class MlflowAutologError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A configuration value (an option or an environment variable) is wrong. */
export class ConfigError extends MlflowAutologError {
  constructor(
    message: string,
    /** The option or environment variable at fault, e.g. `MLFLOW_TRACKING_URI`. */
    readonly variable: string,
  ) {
    super(message);
  }
}

/** A value passed to the API breaks one of MLflow's rules (key format, length, type). */
export class ValidationError extends MlflowAutologError {}

/**
 * The tracking server answered with an error, or could not be reached after every retry.
 * `errorCode` is MLflow's code (`RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE`, …);
 * `NETWORK_ERROR` when no response came back.
 */
export class MlflowRestError extends MlflowAutologError {
  constructor(
    message: string,
    readonly errorCode: string,
    /** The HTTP status, or 0 when the request never got a response. */
    readonly httpStatus: number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  /**
   * How long the server asked to wait before trying again (its `Retry-After` on a 429 or 503),
   * when the client's own retries ran out while it was still throttling.
   */
  readonly retryAfterMs: number | undefined;
}

/**
 * True when MLflow's database had no connection free for the request: SQLAlchemy's pool timed out.
 * MLflow maps that `TimeoutError` to 400 BAD_REQUEST (only an `OperationalError` becomes 503), yet
 * the request's transaction rolled back before it wrote anything, so it may be sent again.
 */
export function isDatabaseBusy(error: unknown): boolean {
  return (
    error instanceof MlflowRestError &&
    error.httpStatus === 400 &&
    /QueuePool limit of size \d+ overflow -?\d+ reached, connection timed out/.test(error.message)
  );
}

/** True for a failure that may pass: no answer, a timeout, throttling, a server error or a busy database. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof MlflowRestError)) return false;
  // NB: no answer, but not one that passes: the server's certificate is not trusted here.
  if (error.errorCode === 'TLS_CERTIFICATE_ERROR') return false;
  const status = error.httpStatus;
  return status === 0 || status === 408 || status === 429 || status >= 500 || isDatabaseBusy(error);
}

/** True when `error` is MLflow's answer that the thing asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof MlflowRestError &&
    (error.errorCode === 'RESOURCE_DOES_NOT_EXIST' || error.errorCode === 'NOT_FOUND' || error.httpStatus === 404)
  );
}

/** True when `error` is MLflow's answer that the thing being created exists already. */
export function isAlreadyExists(error: unknown): boolean {
  return (
    error instanceof MlflowRestError &&
    (error.errorCode === 'RESOURCE_ALREADY_EXISTS' || error.errorCode === 'ALREADY_EXISTS')
  );
}

/**
 * An optional package that a feature needs is not installed (a cloud SDK for an `s3://` or
 * `wasbs://` artifact store, …); `packages` names what to `npm install`.
 */
export class MissingDependencyError extends MlflowAutologError {
  constructor(
    message: string,
    readonly packages: string[],
  ) {
    super(message);
  }
}

/** An artifact URI whose store mlflow-autolog does not reach directly (`gs://`, `abfss://`, …). */
export class UnsupportedArtifactStoreError extends MlflowAutologError {
  constructor(
    message: string,
    /** The URI's scheme, lowercase, without the colon. */
    readonly scheme: string,
  ) {
    super(message);
  }
}
