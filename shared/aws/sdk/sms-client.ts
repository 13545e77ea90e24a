// The client alone, without the package's commands (../lazy.ts).
export { PinpointSMSVoiceV2Client } from '#aws-sdk/client-pinpoint-sms-voice-v2/PinpointSMSVoiceV2Client';
