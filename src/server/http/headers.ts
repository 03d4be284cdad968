import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/**
 * The Content-Security-Policy of every answer. Scripts only from Tandem's own origin, never
 * inline (the colour-scheme script that runs before first paint is a file for that reason).
 * Styles: Mantine writes its CSS variables and transition switches into <style> elements at
 * run time, some without a nonce, so style elements need 'unsafe-inline'; the charts (and
 * Mantine) set inline styles through the DOM, which CSP does not govern. Images: the app's
 * own files, and data: URIs that Swagger UI's stylesheet uses for its icons.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Security headers (via helmet), the no-store rule for API answers, and Server-Timing. */
export async function securityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.publicUrl?.protocol === 'https:';
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...CONTENT_SECURITY_POLICY,
        // Only behind https: on plain http the browser would be sent to a port nobody serves.
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // HSTS only where Tandem is reached over https (PUBLIC_URL); on http it would lock
    // browsers out of an install without TLS.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    // Calendar feeds set the stricter no-referrer themselves.
    referrerPolicy: { policy: 'same-origin' },
    // Cross-origin isolation would break nothing here but buys nothing either.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // Server time of the request (W3C Server-Timing), shown in the browser's dev tools and
    // used by the benchmarks to separate server time from the network.
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    // API answers (JSON, CSV, calendar feeds) are personal: never kept by a browser or proxy.
    const route = req.routeOptions.url;
    if (
      (route === undefined ? req.url.startsWith('/api') : route.startsWith('/api/')) &&
      !reply.hasHeader('cache-control')
    )
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
