import { z } from 'zod';

export const ServerHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), migrationsCurrent: z.boolean() }),
});
export type ServerHealth = z.infer<typeof ServerHealth>;
