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

/**
 * `formatStack` rewrites a logged error's stack (the logger passes the lazy source-map lookup of
 * `source-mapped-stack.ts`); by default the stack is kept as it is.
 */
export function redact(value: unknown, formatStack: (stack: string) => string = (stack) => stack): unknown {
  return redactAt(value, 0, false, formatStack);
}

function redactAt(
  value: unknown,
  depth: number,
  inError: boolean,
  formatStack: (stack: string) => string,
): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  // an Error's name, message and stack are not enumerable: spelled out, or the log line shows `{}`
  if (value instanceof Error) {
    const { name, message, cause } = value;
    const stack = value.stack === undefined ? undefined : formatStack(value.stack);
    return redactAt(
      { ...value, name, message, stack, ...(cause === undefined ? {} : { cause }) },
      depth,
      true,
      formatStack,
    );
  }
  if (Array.isArray(value)) return value.map((item) => redactAt(item, depth + 1, inError, formatStack));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const keep = inError && ERROR_FIELDS.test(key);
    out[key] =
      !keep && SENSITIVE_KEY.test(key)
        ? REDACTED
        : redactAt(inner, depth + 1, ERROR_KEY.test(key) || (inError && key === 'cause'), formatStack);
  }
  return out;
}
