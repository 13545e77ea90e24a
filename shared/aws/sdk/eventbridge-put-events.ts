// One SDK command per module, from its own file in the bundle (../lazy.ts).
export { PutEventsCommand } from '#aws-sdk/client-eventbridge/commands/PutEventsCommand';
