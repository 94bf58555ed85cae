import { App } from 'aws-cdk-lib';
import { FEATURE_FLAGS, addAiopsStacks, addNagChecks, type AiopsStacks, type BuildOptions } from '../lib/app.js';
import { EnvConfigSchema, loadConfig, type EnvConfig } from '../lib/config.js';
import { STUB_BUNDLING_CONTEXT } from '../lib/constructs/aiops-function.js';

/** An App with esbuild bundling replaced by inline stubs (see STUB_BUNDLING_CONTEXT). */
export function testApp(extraContext: Record<string, unknown> = {}): App {
  return new App({ context: { ...FEATURE_FLAGS, [STUB_BUNDLING_CONTEXT]: true, ...extraContext } });
}

export function testConfig(env: 'dev' | 'staging' | 'prod' = 'dev', over: Partial<EnvConfig> = {}): EnvConfig {
  return EnvConfigSchema.parse({ ...loadConfig(env), ...over });
}

export function buildStacks(config: EnvConfig = testConfig(), options: BuildOptions = {}, nag = false): { app: App; stacks: AiopsStacks } {
  const app = testApp({ env: config.env });
  const stacks = addAiopsStacks(app, config, options);
  if (nag) addNagChecks(app);
  return { app, stacks };
}
