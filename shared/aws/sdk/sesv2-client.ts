// The client alone, without the package's commands (../lazy.ts).
export { SESv2Client } from '#aws-sdk/client-sesv2/SESv2Client';
