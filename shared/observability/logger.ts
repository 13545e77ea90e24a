/**
 * Powertools Logger, created once per cold start (Metrics: ./metrics.ts). Every log attribute passes through
 * `redact`, so a handler that logs a whole object cannot leak a phone number or a token, and a
 * logged error's stack is mapped to the TypeScript sources then (the bundle's source map is read
 * on the first error, not at start-up: source-mapped-stack.ts).
 */
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redact } from './redact';
import { sourceMappedStack } from './source-mapped-stack';

class RedactingLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: attributes.lambdaContext?.coldStart,
        function_name: attributes.lambdaContext?.functionName,
        function_request_id: attributes.lambdaContext?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(redact(additional, sourceMappedStack) as LogAttributes);
  }
}

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'complaint-care';

export const logger = new Logger({ serviceName, logFormatter: new RedactingLogFormatter() });
