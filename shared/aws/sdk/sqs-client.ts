// The client alone, without the package's commands (../lazy.ts).
export { SQSClient } from '#aws-sdk/client-sqs/SQSClient';
