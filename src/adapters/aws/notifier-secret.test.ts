import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/shared/errors.js';
import { NotifierSecret, notifiersFromSettings } from './notifier-secret.js';

const sm = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:aiops/notifiers-dev-AbCdEf';
const secret = () => new NotifierSecret({ secretArn: ARN, client: new SecretsManagerClient({}) });

beforeEach(() => sm.reset());

describe('Class: NotifierSecret', () => {
  it('reads the secret by ARN once and reuses it (cold start cache)', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ slackWebhookUrl: 'https://hooks.slack.com/services/T/B/x', pagerdutyRoutingKey: 'rk' }) });
    const s = secret();
    const [a, b] = await Promise.all([s.load(), s.load()]);
    expect(a).toEqual({ slackWebhookUrl: 'https://hooks.slack.com/services/T/B/x', pagerdutyRoutingKey: 'rk' });
    expect(await s.load()).toBe(a);
    expect(b).toBe(a);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: ARN });
  });

  it('does not cache a failed read: the next load tries again', async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' })).resolves({ SecretString: '{}' });
    const s = secret();
    await expect(s.load()).rejects.toThrow('throttled');
    expect(await s.load()).toEqual({});
  });

  it.each([
    ['an empty secret', ''],
    ['the generated placeholder (not JSON)', 'x9!generated'],
    ['unknown keys only', JSON.stringify({ password: 'generated' })],
  ])('reads %s as no settings', async (_label, value) => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: value });
    expect(await secret().load()).toEqual({});
  });

  it('names a badly set field', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ slackWebhookUrl: 'not a url' }) });
    await expect(secret().load()).rejects.toMatchObject({ name: 'ValidationError', field: 'notifierSecret.slackWebhookUrl' } satisfies Partial<ValidationError>);
  });
});

describe('Function: notifiersFromSettings', () => {
  it.each([
    [{}, []],
    [{ slackWebhookUrl: 'https://hooks.slack.com/x' }, ['slack']],
    [{ pagerdutyRoutingKey: 'rk' }, ['pagerduty']],
    [{ slackWebhookUrl: 'https://hooks.slack.com/x', pagerdutyRoutingKey: 'rk', sesFrom: 'a@b.co' }, ['slack', 'pagerduty']],
  ])('builds the notifiers %o configures', (settings, kinds) => {
    expect(notifiersFromSettings(settings).map((n) => n.kind)).toEqual(kinds);
  });
});
