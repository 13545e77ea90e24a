// One SDK command per module, from its own file in the bundle (../lazy.ts).
export { QueryCommand } from '#aws-sdk/lib-dynamodb/commands/QueryCommand';
