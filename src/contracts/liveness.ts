import { z } from 'zod';

/**
 * The load balancer's liveness and readiness check (`GET /api/health`): is this instance up,
 * which version, and is its database migrated. Not the collaboration health of initiatives.
 */
export const Liveness = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), migrationsCurrent: z.boolean() }),
});
export type Liveness = z.infer<typeof Liveness>;
