// The client and the one command secrets are read with, each from its own file in the bundle (../lazy.ts).
export { GetSecretValueCommand } from '#aws-sdk/client-secrets-manager/commands/GetSecretValueCommand';
export { SecretsManagerClient } from '#aws-sdk/client-secrets-manager/SecretsManagerClient';
