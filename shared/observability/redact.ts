/**
 * Keeps personal data and secrets out of logs. Any attribute whose key names personal data
 * (name, phone, email, ID number, free text written by the customer) or a credential is replaced,
 * at any depth, before the log line is written. Inside a logged error, `name` and `message` are
 * the error's own and are kept: operations need them, and our errors never carry customer data.
 */
const SENSITIVE_KEY =
  /^(name|customerName|phone|callerPhone|mobile|email|idNumber|idNo|address|birthDate|description|summary|transcript|message|text|responseToCustomer|comment|contact|token|authorization|cookie|password|secret|signature|x-signature|idempotency-key)$/i;
const ERROR_KEY = /^(error|cause|errors)$/i;
const ERROR_FIELDS = /^(name|message|stack|location|cause)$/;

export const REDACTED = '[redacted]';

export function redact(value: unknown, depth = 0, inError = false): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  // an Error's name, message and stack are not enumerable: spelled out, or the log line shows `{}`
  if (value instanceof Error) {
    const { name, message, stack, cause } = value;
    return redact({ ...value, name, message, stack, ...(cause === undefined ? {} : { cause }) }, depth, true);
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, inError));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const keep = inError && ERROR_FIELDS.test(key);
    out[key] =
      !keep && SENSITIVE_KEY.test(key)
        ? REDACTED
        : redact(inner, depth + 1, ERROR_KEY.test(key) || (inError && key === 'cause'));
  }
  return out;
}
