import pg from 'pg';

export interface ListenerEvents {
  notification: (msg: pg.Notification) => void;
  /** Listening (again): whatever was sent while not listening is unknown. */
  listening: () => void;
  /** The connection was lost (`err` when it failed, none when it ended); a retry follows. */
  lost: (err?: unknown) => void;
}

/**
 * A dedicated PostgreSQL connection that LISTENs on `channels` and, after a loss, connects
 * again a second later: the one reconnecting listener behind the change counter and the live
 * hub.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly channels: readonly string[],
    private readonly on: ListenerEvents,
  ) {
    this.connect();
  }

  private connect(): void {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    this.client = client;
    const lost = (err?: unknown) => {
      if (this.client !== client) return;
      this.on.lost(err);
      this.client = undefined;
      client.removeAllListeners();
      client.end().catch(() => undefined);
      if (!this.closed) this.timer = setTimeout(() => this.connect(), 1000);
    };
    client.on('notification', (msg) => this.on.notification(msg));
    client.on('error', lost);
    client.on('end', () => lost());
    client
      .connect()
      .then(() => client.query(this.channels.map((c) => `listen ${c}`).join('; ')))
      .then(() => this.on.listening())
      .catch(lost);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
    }
  }
}
