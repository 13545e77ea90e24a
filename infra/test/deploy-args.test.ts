/** `npm run deploy -- --stage <name>` becomes `cdk deploy --all --context stage=<name>`. */
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
});
