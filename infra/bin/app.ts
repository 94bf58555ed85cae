#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { FEATURE_FLAGS, addAiopsStacks, addNagChecks } from '../lib/app.js';
import { loadConfig } from '../lib/config.js';
import { PipelineStack } from '../lib/stacks/pipeline-stack.js';

// `npx cdk synth -c env=prod` (from infra/) or `npm run synth -- -c env=prod` (from the root).
const app = new App({ context: FEATURE_FLAGS });
const envName = String(app.node.tryGetContext('env') ?? 'dev');
const config = loadConfig(envName);
addAiopsStacks(app, config);
if (config.pipeline) new PipelineStack(app, `AIOps-Pipeline-${config.env}`, { config, ...(config.account ? { env: { account: config.account, region: config.region } } : {}) });
addNagChecks(app);
app.synth();
