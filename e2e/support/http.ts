/** A tiny cookie-keeping client for driving a running Tandem over HTTP. */
export class HttpClient {
  private cookie = '';
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        origin: this.baseUrl,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** A page (HTML, not JSON) as this client's browser receives it. */
  async page(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      headers: { accept: 'text/html', ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  async login(email: string, password: string): Promise<void> {
    const r = await this.request('POST', '/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  }

  /** Someone the signed-in admin creates with a password (named by the email); their id. */
  async createPerson(email: string, side: string): Promise<string> {
    const r = await this.request<{ user: { id: string } }>('POST', '/api/users', {
      email,
      name: email,
      side,
      password: 'a-long-password-1',
    });
    return r.body.user.id;
  }

  /** A bare initiative (one-letter texts) with these two owners. */
  async createInitiative(
    title: string,
    businessOwnerId: string,
    itOwnerId: string,
  ): Promise<{ id: string; version: number }> {
    const r = await this.request<{ id: string; version: number }>('POST', '/api/initiatives', {
      title,
      problem: 'P',
      expectedBenefit: 'B',
      department: 'IT',
      businessOwnerId,
      itOwnerId,
      riskClass: 'minimal',
    });
    return r.body;
  }
}
