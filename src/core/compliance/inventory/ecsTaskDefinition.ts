import { z } from 'zod';

export const ECS_TASK_DEFINITION_TYPE = 'AWS::ECS::TaskDefinition';

/** `AWS::ECS::TaskDefinition`: `DescribeTaskDefinition` (`taskDefinition`). */
export const EcsTaskDefinitionStateSchema = z.looseObject({
  family: z.string(),
  revision: z.number().int(),
  status: z.enum(['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS']),
  containerDefinitions: z.array(
    z.looseObject({
      name: z.string(),
      image: z.string(),
      privileged: z.boolean().optional(),
      readonlyRootFilesystem: z.boolean().optional(),
      user: z.string().optional(),
      environment: z.array(z.looseObject({ name: z.string(), value: z.string() })).default([]),
    }),
  ),
});
export type EcsTaskDefinitionState = z.infer<typeof EcsTaskDefinitionStateSchema>;
