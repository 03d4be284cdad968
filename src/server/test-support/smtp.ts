/** A local SMTP server for tests, and helpers to read what it received. */
import { type AddressInfo, createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server in the test process that keeps what it receives. */
export async function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The app's SMTP settings for a server on this machine at `port`. */
export const smtpEnv = (port: number, from = 'Tandem <tandem@example.com>') => ({
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(port),
  SMTP_FROM: from,
});

/** A port nothing listens on: an SMTP server that is down (connections are refused). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The header block, unfolded, as [name, value] pairs in order. */
export function headersOf(raw: string): [string, string][] {
  const block = raw.split(/\r\n\r\n/)[0] ?? '';
  return block
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')
    .map((line) => {
      const i = line.indexOf(':');
      return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()] as [string, string];
    });
}

/** Decodes RFC 2047 encoded words (Q and B, UTF-8), as a mail client shows the header. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_, _charset: string, enc: string, text: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) =>
                  String.fromCharCode(parseInt(h, 16)),
                ),
              'latin1',
            ).toString('utf8'),
    );
}

export const header = (raw: string, name: string) =>
  headersOf(raw)
    .filter(([n]) => n === name)
    .map(([, v]) => v);

/** The decoded body parts of a multipart/alternative message. */
export function partsOf(raw: string): { text: string; html: string } {
  const decode = (part: string) => {
    const [head = '', ...rest] = part.split(/\r\n\r\n/);
    const body = rest.join('\r\n\r\n');
    if (/quoted-printable/i.test(head))
      return Buffer.from(
        body
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    if (/base64/i.test(head))
      return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
    return body;
  };
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1] ?? '';
  const parts = raw.split(`--${boundary}`).slice(1, -1);
  const text = parts.find((p) => /content-type: text\/plain/i.test(p)) ?? '';
  const html = parts.find((p) => /content-type: text\/html/i.test(p)) ?? '';
  return { text: decode(text.replace(/^\r\n/, '')), html: decode(html.replace(/^\r\n/, '')) };
}

/** Waits until the server has received `count` messages (emails sent after answering). */
export async function waitForMail(
  received: Received[],
  count: number,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (received.length < count) {
    if (Date.now() > until)
      throw new Error(`expected ${count} emails, got ${received.length} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
