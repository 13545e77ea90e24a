// One SDK command per module, from its own file in the bundle (../lazy.ts).
export { ChangeMessageVisibilityCommand } from '#aws-sdk/client-sqs/commands/ChangeMessageVisibilityCommand';
