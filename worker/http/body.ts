import { ApiError } from './errors';

export const MAX_BODY_BYTES = 32 * 1024;

/**
 * Reads a JSON body of at most MAX_BODY_BYTES whatever its Content-Type: sendBeacon posts
 * text/plain to avoid a CORS preflight.
 */
export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES)
    throw new ApiError(413, 'payload_too_large', `Body larger than ${MAX_BODY_BYTES} bytes`);
  // Bytes, not req.text(): sendBeacon and odd clients send JSON under other content types.
  const bytes = await req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new ApiError(413, 'payload_too_large', `Body larger than ${MAX_BODY_BYTES} bytes`);
  }
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) throw new ApiError(400, 'invalid_request', 'Body is empty; expected JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'Body is not valid JSON');
  }
}

/** A form-encoded body (Twilio's webhooks) of at most MAX_BODY_BYTES. */
export async function readFormText(req: Request): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES)
    throw new ApiError(413, 'payload_too_large', `Body larger than ${MAX_BODY_BYTES} bytes`);
  const bytes = await req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES)
    throw new ApiError(413, 'payload_too_large', `Body larger than ${MAX_BODY_BYTES} bytes`);
  return new TextDecoder().decode(bytes);
}
