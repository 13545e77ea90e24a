// One SDK command per module, from its own file in the bundle (../lazy.ts).
export { SendTextMessageCommand } from '#aws-sdk/client-pinpoint-sms-voice-v2/commands/SendTextMessageCommand';
