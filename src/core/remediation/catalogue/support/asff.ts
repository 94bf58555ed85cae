import type { ResourceRecord } from '../../../../ports/cloud.js';

/** ASFF resource types differ from CloudFormation's in spelling; the ones the product meets, else `Other`. */
const ASFF_TYPES: Record<string, string> = {
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::IAM::Role': 'AwsIamRole',
  'AWS::IAM::AccessKey': 'AwsIamAccessKey',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::SQS::Queue': 'AwsSqsQueue',
  'AWS::SNS::Topic': 'AwsSnsTopic',
  'AWS::ECS::Service': 'AwsEcsService',
  'AWS::AutoScaling::AutoScalingGroup': 'AwsAutoScalingAutoScalingGroup',
  'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution',
};

export interface FindingSpec {
  id: string;
  generatorId: string;
  title: string;
  description: string;
  type: string;
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  requirement: string;
  /** ISO time of the observation (alert or diagnostics), never the wall clock. */
  at: string;
}

/**
 * One AWS Security Finding Format record about `resource`, with every field BatchImportFindings
 * requires. The product imports into the account's default product; the id is deterministic so a
 * re-import updates the same finding instead of adding another.
 */
export function asffFinding(resource: ResourceRecord, f: FindingSpec): Record<string, unknown> {
  return {
    SchemaVersion: '2018-10-08',
    Id: f.id,
    ProductArn: `arn:aws:securityhub:${resource.region || 'us-east-1'}:${resource.account}:product/${resource.account}/default`,
    GeneratorId: f.generatorId,
    AwsAccountId: resource.account,
    Types: [f.type],
    CreatedAt: f.at,
    UpdatedAt: f.at,
    Severity: { Label: f.severity },
    Title: f.title,
    Description: f.description,
    Resources: [{ Type: ASFF_TYPES[resource.type] ?? 'Other', Id: resource.arn, Region: resource.region || undefined }],
    Compliance: { Status: 'FAILED', RelatedRequirements: [f.requirement] },
  };
}
