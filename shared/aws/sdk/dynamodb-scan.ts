// One SDK command per module, from its own file in the bundle (../lazy.ts).
export { ScanCommand } from '#aws-sdk/lib-dynamodb/commands/ScanCommand';
