import { describe, expect, it } from 'vitest';
import { ConfigProblem, parseConfig } from './config';

describe('console config.json', () => {
  it('takes the local dev config and a Cognito one', () => {
    expect(parseConfig({ stage: 'local', apiBaseUrl: '', signIn: { kind: 'dev' } }).signIn.kind).toBe('dev');
    const cognito = parseConfig({
      stage: 'dev',
      apiBaseUrl: 'https://api.example.com/',
      signIn: {
        kind: 'cognito',
        authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
        clientId: 'client',
        domain: 'https://cc.auth.eu-west-1.amazoncognito.com',
        redirectPath: '/console/auth/callback',
        signedOutPath: '/console/',
      },
    });
    expect(cognito.apiBaseUrl).toBe('https://api.example.com');
  });

  it('names every missing or wrong field at once', () => {
    expect(() => parseConfig({ stage: '', signIn: { kind: 'cognito', clientId: 'x' } })).toThrow(
      new ConfigProblem(
        'config.json: stage, apiBaseUrl, signIn.authority, signIn.domain, signIn.redirectPath, signIn.signedOutPath',
      ),
    );
    expect(() => parseConfig({ stage: 'x', apiBaseUrl: '', signIn: { kind: 'saml' } })).toThrow(
      /signIn\.kind/,
    );
  });
});
