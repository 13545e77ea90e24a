// One SDK command per module, from its own file in the bundle (../lazy.ts).
export { SendEmailCommand } from '#aws-sdk/client-sesv2/commands/SendEmailCommand';
