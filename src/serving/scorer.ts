/**
 * One scoring request, from body bytes and content type to the answer, for a loaded model: MLflow's
 * `invocations` (`mlflow/pyfunc/scoring_server/__init__.py`). The content type must be
 * `application/json` or `text/csv`, with no parameter but `charset=utf-8`; the body is parsed
 * (`payload.ts`, `csv.ts`), the model predicts with its signature enforced, and its errors are
 * answered as MLflow answers them: a signature mismatch 400 INVALID_PARAMETER_VALUE
 * (SCHEMA_ENFORCEMENT_FAILED), anything the model throws 400 BAD_REQUEST with its stack. The HTTP
 * server and `models predict` both go through here.
 */
import type { JsFunctionModel } from '../models/js-function';
import { SchemaEnforcementError } from '../models/enforce';
import { deadlineExceeded, invalidInput, modelFailed, schemaEnforcementFailed, ScoringError, SCORING_PROTOCOL_CHANGE_INFO, unsupportedMediaType } from './errors';
import { parseCsvFrame } from './csv';
import { frameInput } from './frame';
import { parseJsonPayload, type Payload, type PayloadModel } from './payload';
import { errorResponse, predictionsResponse, type ScoringResponse } from './responses';

export const CONTENT_TYPE_JSON = 'application/json';
export const CONTENT_TYPE_CSV = 'text/csv';
/** The types this server reads. MLflow also reads Parquet, which needs a reader this package does not carry. */
const CONTENT_TYPES = [CONTENT_TYPE_CSV, CONTENT_TYPE_JSON];

/** What scoring needs of a model: {@link JsFunctionModel} is one. */
export type ScoringModel = Pick<JsFunctionModel, 'predict' | 'signature' | 'metadata'>;

/** Options of {@link Scorer}. */
export interface ScorerOptions {
  /** A prediction still running after this many ms is answered 504. @default no limit */
  timeoutMs?: number;
}

/**
 * The media type of a `Content-Type` header, checked as MLflow checks it: only `charset=utf-8`
 * may follow it. Throws a 415 {@link ScoringError}.
 */
export function mediaType(contentType: string | undefined): 'json' | 'csv' {
  if (contentType === undefined || contentType.trim() === '') {
    throw unsupportedMediaType(`This predictor only supports the following content types: Types: [${CONTENT_TYPES.map((t) => `'${t}'`).join(', ')}]. Got 'None'.`);
  }
  const [mime = '', ...pairs] = contentType.split(';').map((part) => part.trim());
  const parameters = new Map(pairs.map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair.toLowerCase(), ''] : [pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1')];
  }));
  if ((parameters.get('charset') ?? 'utf-8').toLowerCase() !== 'utf-8') throw unsupportedMediaType('The scoring server only supports UTF-8');
  const unexpected = [...parameters.keys()].filter((k) => k !== 'charset');
  if (unexpected.length) throw unsupportedMediaType(`Unrecognized content type parameters: ${unexpected.join(', ')}. ${SCORING_PROTOCOL_CHANGE_INFO}`);
  const type = mime.toLowerCase();
  if (type === CONTENT_TYPE_JSON) return 'json';
  if (type === CONTENT_TYPE_CSV) return 'csv';
  throw unsupportedMediaType(`This predictor only supports the following content types: Types: [${CONTENT_TYPES.map((t) => `'${t}'`).join(', ')}]. Got '${contentType}'.`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(body: Uint8Array | string): string {
  if (typeof body === 'string') return body;
  try {
    return utf8.decode(body);
  } catch (error) {
    throw invalidInput(`Ensure that input is a valid UTF-8 encoded string. Error: '${(error as Error).message}'`);
  }
}

/** Scores requests against one loaded model. */
export class Scorer {
  private readonly payloadModel: PayloadModel;

  constructor(
    private readonly model: ScoringModel,
    private readonly options: ScorerOptions = {},
  ) {
    const signature = model.signature;
    this.payloadModel = {
      schema: signature?.inputs,
      paramNames: signature?.params?.map((p) => p.name),
      signatureFromTypeHint: model.metadata.extra.is_signature_from_type_hint === true,
    };
  }

  /** Answers one `/invocations` request; never throws. */
  async invoke(body: Uint8Array | string, contentType: string | undefined): Promise<ScoringResponse> {
    try {
      const payload = this.parse(body, mediaType(contentType));
      return predictionsResponse(await this.predict(payload), payload.unwrapped);
    } catch (error) {
      return errorResponse(error instanceof ScoringError ? error : modelFailed(error));
    }
  }

  /** Parses a body of the given media type into the model's input. Throws {@link ScoringError}. */
  parse(body: Uint8Array | string, type: 'json' | 'csv'): Payload {
    const text = decodeUtf8(body);
    if (type === 'json') return parseJsonPayload(text, this.payloadModel);
    const { schema } = this.payloadModel;
    return { data: frameInput(parseCsvFrame(text, schema), schema), unwrapped: false };
  }

  /** Predicts with the signature enforced, within the timeout. Throws {@link ScoringError}. */
  async predict(payload: Payload): Promise<unknown> {
    const prediction = (async () => this.model.predict(payload.data, payload.params))().catch((error: unknown) => {
      throw error instanceof SchemaEnforcementError ? schemaEnforcementFailed(error.message) : modelFailed(error);
    });
    const { timeoutMs } = this.options;
    if (timeoutMs === undefined) return prediction;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(deadlineExceeded()), timeoutMs);
    });
    try {
      return await Promise.race([prediction, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
