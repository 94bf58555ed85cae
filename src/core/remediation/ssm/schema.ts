import { parse } from 'yaml';
import { z } from 'zod';
import { parseOrThrow } from '../../shared/zod.js';

/** Every action an Automation document (schemaVersion 0.3) may use, with the inputs each requires. */
export const SSM_ACTIONS: Readonly<Record<string, { required: string[]; oneOf?: string[] }>> = {
  'aws:approve': { required: ['Approvers'] },
  'aws:assertAwsResourceProperty': { required: ['Service', 'Api', 'PropertySelector', 'DesiredValues'] },
  'aws:branch': { required: ['Choices'] },
  'aws:changeInstanceState': { required: ['InstanceIds', 'DesiredState'] },
  'aws:copyImage': { required: ['SourceImageId', 'SourceRegion', 'ImageName'] },
  'aws:createImage': { required: ['InstanceId', 'ImageName'] },
  'aws:createStack': { required: ['StackName'] },
  'aws:createTags': { required: ['ResourceIds', 'Tags'] },
  'aws:deleteImage': { required: ['ImageId'] },
  'aws:deleteStack': { required: ['StackName'] },
  'aws:executeAutomation': { required: ['DocumentName'] },
  'aws:executeAwsApi': { required: ['Service', 'Api'] },
  'aws:executeScript': { required: ['Runtime', 'Handler'], oneOf: ['Script', 'Attachment'] },
  'aws:executeStateMachine': { required: ['stateMachineArn'] },
  'aws:invokeLambdaFunction': { required: ['FunctionName'] },
  'aws:invokeWebhook': { required: ['IntegrationName'] },
  'aws:loop': { required: ['Steps'] },
  'aws:pause': { required: [] },
  'aws:runCommand': { required: ['DocumentName'] },
  'aws:runInstances': { required: ['ImageId'] },
  'aws:sleep': { required: [], oneOf: ['Duration', 'Timestamp'] },
  'aws:updateVariable': { required: ['Name', 'Value'] },
  'aws:waitForAwsResourceProperty': { required: ['Service', 'Api', 'PropertySelector', 'DesiredValues'] },
};

export const SSM_PARAMETER_TYPES = [
  'String', 'StringList', 'Integer', 'Boolean', 'MapList', 'StringMap',
  'AWS::EC2::Instance::Id', 'AWS::IAM::Role::Arn', 'AWS::S3::Bucket::Name',
  'List<AWS::EC2::Instance::Id>', 'List<AWS::IAM::Role::Arn>', 'List<AWS::S3::Bucket::Name>',
] as const;

export const SSM_OUTPUT_TYPES = ['String', 'Integer', 'Boolean', 'StringList', 'StringMap', 'MapList'] as const;

const StepOutputSchema = z.strictObject({ Name: z.string().min(1), Selector: z.string().startsWith('$'), Type: z.enum(SSM_OUTPUT_TYPES) });

const OnFailure = z.union([z.literal('Abort'), z.literal('Continue'), z.string().regex(/^step:[A-Za-z0-9_]+$/)]);

export const SsmStepSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_]{1,128}$/, 'step names use letters, digits and _'),
  action: z.string().startsWith('aws:'),
  description: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).default({}),
  outputs: z.array(StepOutputSchema).optional(),
  maxAttempts: z.number().int().min(1).optional(),
  timeoutSeconds: z.number().int().min(1).optional(),
  onFailure: OnFailure.optional(),
  onCancel: z.union([z.literal('Abort'), z.string().regex(/^step:[A-Za-z0-9_]+$/)]).optional(),
  isEnd: z.boolean().optional(),
  isCritical: z.boolean().optional(),
  nextStep: z.string().optional(),
});

export const SsmParameterSchema = z.strictObject({
  type: z.enum(SSM_PARAMETER_TYPES),
  description: z.string().optional(),
  default: z.unknown().optional(),
  allowedValues: z.array(z.unknown()).optional(),
  allowedPattern: z.string().optional(),
  displayType: z.string().optional(),
  minItems: z.number().int().optional(),
  maxItems: z.number().int().optional(),
  minChars: z.number().int().optional(),
  maxChars: z.number().int().optional(),
});

export const SsmDocumentSchema = z.strictObject({
  schemaVersion: z.literal('0.3'),
  description: z.string().optional(),
  assumeRole: z.string().optional(),
  parameters: z.record(z.string().regex(/^[A-Za-z0-9_]+$/), SsmParameterSchema).default({}),
  outputs: z.array(z.string()).optional(),
  files: z.record(z.string(), z.unknown()).optional(),
  mainSteps: z.array(SsmStepSchema).min(1),
});

export type SsmStep = z.infer<typeof SsmStepSchema>;
export type SsmDocument = z.infer<typeof SsmDocumentSchema>;

/** Parses YAML text into a structurally valid document; throws a ValidationError naming the field. */
export function parseSsmDocument(text: string): SsmDocument {
  return parseOrThrow(SsmDocumentSchema, parse(text), 'document');
}
