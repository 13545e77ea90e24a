/**
 * Settings on AWS: each function's environment has exactly the settings its topology entry
 * declares (with the stage's values, the API's address and the site as console), a stage that
 * leaves a function without a required setting — or gives one an invalid value — fails synth
 * naming both, the SES identity granted is the domain notify sends from, and a stage of one's own
 * comes from a stage file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type SettingName, settingCatalog, settingNames } from '#shared/config/settings';
import { buildApp } from '../bin/app';
import { assertSettingsComplete } from '../config/function-settings';
import { deploymentSettings, localSettings } from '../config/stage-settings';
import { emailIdentityOf, type StageConfig, stageConfigOfFile, stageConfigs } from '../config/stages';
import { topology } from '../topology';
import { functionOf, type Synthesized, statementsOf, synthesize, unbundledApp } from './support/synth';

const SYNTH_TIMEOUT = 120_000;

let dev: Synthesized;
beforeAll(() => {
  dev = synthesize(topology, 'dev', { bundle: false });
}, SYNTH_TIMEOUT);

const envOf = (s: Synthesized, name: string) =>
  (functionOf(s, name)[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;

const withSettings = (base: StageConfig, settings: StageConfig['settings']): StageConfig => ({
  ...base,
  settings,
});

const without = (name: SettingName): StageConfig['settings'] => {
  const { [name]: _removed, ...rest } = stageConfigs.dev.settings;
  return rest;
};

describe('function settings', () => {
  it('every function gets exactly the settings it declares, each required one with a value', () => {
    for (const [name, spec] of Object.entries(topology.functions)) {
      const env = envOf(dev, name);
      const present = settingNames.filter((setting) => env[setting] !== undefined);
      const declared = new Set(spec.settings ?? []);
      for (const setting of present) expect(declared.has(setting), `${name} gets ${setting}`).toBe(true);
      for (const setting of declared) {
        const expected = stageConfigs.dev.settings[setting];
        if (expected !== undefined) expect(env[setting], `${name} ${setting}`).toBe(expected);
        else if (settingCatalog[setting].required) expect(env[setting], `${name} ${setting}`).toBeDefined();
      }
    }
  });

  it('the deployment fills in the public API address and, by default, the site as console', () => {
    expect(JSON.stringify(envOf(dev, 'notify-care').PUBLIC_API_URL)).toContain('ApiEndpoint');
    expect(JSON.stringify(envOf(dev, 'notify-events').CONSOLE_URL)).toContain('DomainName');
  });

  it('the sending functions may send from the domain of EMAIL_FROM only', () => {
    for (const config of Object.values(stageConfigs)) {
      expect(config.settings.EMAIL_FROM?.endsWith(`@${emailIdentityOf(config)}`)).toBe(true);
    }
    for (const [name, spec] of Object.entries(topology.functions)) {
      if (!spec.sendsMessages) continue;
      expect(envOf(dev, name).EMAIL_FROM).toBe(stageConfigs.dev.settings.EMAIL_FROM);
      const ses = statementsOf(dev, name).find((st) => JSON.stringify(st.Action).includes('ses:SendEmail'))!;
      expect(JSON.stringify(ses.Resource)).toContain(`identity/${emailIdentityOf(stageConfigs.dev)}"`);
    }
  });

  it('a stage without a required setting a function declares fails synth, naming both', () => {
    const build = (config: StageConfig) => () =>
      buildApp({ stage: 'dev', topology, config, app: unbundledApp() });
    expect(build(withSettings(stageConfigs.dev, without('EMAIL_FROM')))).toThrow(
      /function notify-events needs EMAIL_FROM .*which stage dev does not set/,
    );
    expect(build(withSettings(stageConfigs.dev, without('COMPANY_TIME_ZONE')))).toThrow(
      /function intake-web needs COMPANY_TIME_ZONE/,
    );
    // an optional setting may be left out
    expect(() =>
      assertSettingsComplete(topology, without('SMS_ORIGINATION_IDENTITY'), {
        stage: 'dev',
        provided: deploymentSettings,
      }),
    ).not.toThrow();
  });

  it('a value its schema refuses fails synth, naming the setting', () => {
    const broken = withSettings(stageConfigs.dev, {
      ...stageConfigs.dev.settings,
      COMPANY_TIME_ZONE: 'Mars/Olympus',
      EMAIL_FROM: 'complaints',
    });
    expect(() => buildApp({ stage: 'dev', topology, config: broken, app: unbundledApp() })).toThrow(
      /COMPANY_TIME_ZONE: Must be an IANA time zone[\s\S]*EMAIL_FROM: Must be an email address|EMAIL_FROM[\s\S]*COMPANY_TIME_ZONE/,
    );
  });

  it('the local stage gives every function its required settings too', () => {
    expect(() =>
      assertSettingsComplete(topology, localSettings, { stage: 'local', provided: deploymentSettings }),
    ).not.toThrow();
  });
});

describe('a stage file', () => {
  const uat = {
    stage: 'uat',
    extends: 'prod',
    settings: { EMAIL_FROM: 'complaints@uat.example.com', SERVICE_PHONE: '95500' },
    logLevel: 'DEBUG',
  };

  it('is a new stage: the base stage with its own settings, names and sender identity', () => {
    const config = stageConfigOfFile(uat, 'uat.json');
    expect(config.stage).toBe('uat');
    expect(config.removalPolicy).toBe(stageConfigs.prod.removalPolicy);
    expect(config.logLevel).toBe('DEBUG');
    expect(config.settings.EMAIL_FROM).toBe('complaints@uat.example.com');
    expect(config.settings.BRAND_NAME).toBe(stageConfigs.prod.settings.BRAND_NAME);
    expect(emailIdentityOf(config)).toBe('uat.example.com');
    const { services } = buildApp({ stage: 'uat', topology, config, app: unbundledApp() });
    expect(services.stackName).toBe('complaint-care-uat-services');
  });

  it('is refused with its problems: an unknown setting, an invalid value, a bad name', () => {
    expect(() => stageConfigOfFile({ ...uat, settings: { EMAIL_FORM: 'x@y.z' } }, 'uat.json')).toThrow(
      /unknown settings EMAIL_FORM/,
    );
    expect(() =>
      stageConfigOfFile({ ...uat, settings: { UNSUBSCRIBE_LINK_DAYS: '-1' } }, 'uat.json'),
    ).toThrow(/UNSUBSCRIBE_LINK_DAYS/);
    expect(() => stageConfigOfFile({ ...uat, stage: 'UAT env' }, 'uat.json')).toThrow(/stage/);
  });
});
