import { Stack, Stage, type StackProps, type StageProps } from 'aws-cdk-lib';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { addAiopsStacks, type BuildOptions } from '../app.js';
import { loadConfig, type EnvConfig } from '../config.js';
import { acknowledge } from '../constructs/nag.js';

export interface PipelineStackProps extends StackProps {
  /** The environment that hosts the pipeline; its `pipeline` block names the repository. */
  config: EnvConfig;
  /** Environments deployed in order (default dev → staging → prod); prod waits for a manual approval. */
  stages?: EnvConfig[];
  build?: BuildOptions;
}

/** One environment's stacks as a deployable pipeline stage. */
export class AiopsStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps & { config: EnvConfig; build?: BuildOptions }) {
    super(scope, id, props);
    addAiopsStacks(this, props.config, props.build);
  }
}

/**
 * The CDK Pipelines self-mutating pipeline (an alternative to the GitHub Actions deploy workflow
 * for teams that prefer CodePipeline). Created only when the env config has a `pipeline` block.
 */
export class PipelineStack extends Stack {
  readonly pipeline: pipelines.CodePipeline;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const source = props.config.pipeline;
    if (!source) throw new Error(`config(${props.config.env}).pipeline: required for the PipelineStack`);
    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineName: `aiops-pipeline-${props.config.env}`,
      crossAccountKeys: true,
      enableKeyRotation: true,
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection(source.repository, source.branch, { connectionArn: source.connectionArn }),
        commands: ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test', 'npm run synth -- -c env=' + props.config.env],
        primaryOutputDirectory: 'infra/cdk.out',
      }),
    });
    const stages = props.stages ?? (['dev', 'staging', 'prod'] as const).map((e) => loadConfig(e));
    for (const cfg of stages) {
      const env = cfg.account ? { account: cfg.account, region: cfg.region } : undefined;
      this.pipeline.addStage(new AiopsStage(this, `AIOps-${cfg.env}`, { config: cfg, ...(env ? { env } : {}), ...(props.build ? { build: props.build } : {}) }), cfg.env === 'prod' ? { pre: [new pipelines.ManualApprovalStep('PromoteToProd', { comment: 'Approve deployment of MatCarv AIOps to prod' })] } : {});
    }
    this.pipeline.buildPipeline();
    acknowledge(
      this,
      'CDK Pipelines generates its CodeBuild projects, artifact bucket and roles: wildcard permissions are scoped to the pipeline’s own assets and bootstrap roles, artifacts are KMS-encrypted, and CodeBuild needs no privileged mode.',
      'AwsSolutions-IAM5',
      'AwsSolutions-CB4',
      'AwsSolutions-S1',
      'AwsSolutions-IAM4',
    );
  }
}
