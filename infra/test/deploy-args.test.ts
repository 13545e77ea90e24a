/** `npm run deploy -- --stage <name>` becomes `cdk deploy --all --context stage=<name>`. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployArgs } from '../bin/deploy';

describe('deploy arguments', () => {
  it('maps --stage to the CDK context and passes everything else through', () => {
    expect(deployArgs(['--stage', 'prod', '--require-approval', 'never'])).toEqual([
      'deploy',
      '--all',
      '--context',
      'stage=prod',
      '--require-approval',
      'never',
    ]);
    expect(deployArgs(['--stage=dev'])).toEqual(['deploy', '--all', '--context', 'stage=dev']);
  });

  it('refuses a missing or unknown stage', () => {
    expect(() => deployArgs([])).toThrow(/--stage/);
    expect(() => deployArgs(['--stage', 'qa'])).toThrow(/Unknown stage "qa"/);
  });

  it('deploys a stage of its own from a stage file, checked first', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'stage-')), 'uat.json');
    writeFileSync(file, JSON.stringify({ stage: 'uat', extends: 'prod' }));
    expect(deployArgs(['--stage-config', file, '--require-approval', 'never'])).toEqual([
      'deploy',
      '--all',
      '--context',
      'stage=uat',
      '--context',
      `stageConfig=${file}`,
      '--require-approval',
      'never',
    ]);
    writeFileSync(
      file,
      JSON.stringify({ stage: 'uat', extends: 'prod', settings: { EMAIL_FROM: 'nobody' } }),
    );
    expect(() => deployArgs(['--stage-config', file])).toThrow(/EMAIL_FROM: Must be an email address/);
  });
});
