// One SDK command per module, from its own file in the bundle (../lazy.ts).
export { UpdateCommand } from '#aws-sdk/lib-dynamodb/commands/UpdateCommand';
