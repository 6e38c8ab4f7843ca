import { startTestApp, TestApp } from './support/test-app';

/** HOST=0.0.0.0 has no single name to check the Host header against (DNS rebinding). */
describe('Host check when listening on every address', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('accepts any name when every request needs a token (a rebound page cannot carry it)', async () => {
    t = await startTestApp({ env: { HOST: '0.0.0.0', MC_API_TOKEN: 'host-secret' } });
    await t.http().get('/api/tasks').set('Host', 'mc.lan:4000').set('Authorization', 'Bearer host-secret').expect(200);
    expect((await t.http().get('/api/tasks').set('Host', 'attacker.example')).status).toBe(401);
  });

  it('without a token (MC_ALLOW_NO_AUTH behind a proxy) accepts only loopback and MC_ALLOWED_HOSTS', async () => {
    t = await startTestApp({ env: { HOST: '0.0.0.0', MC_ALLOW_NO_AUTH: '1' } });
    const rebound = await t.http().get('/api/tasks').set('Host', 'attacker.example');
    expect(rebound.status).toBe(403);
    expect(rebound.body.message).toMatch(/add it to MC_ALLOWED_HOSTS/);
    await t.http().get('/api/tasks').set('Host', 'localhost:4000').expect(200);
    await t.close();
    t = await startTestApp({ env: { HOST: '0.0.0.0', MC_ALLOW_NO_AUTH: '1', MC_ALLOWED_HOSTS: 'mc.example.com' } });
    await t.http().get('/api/tasks').set('Host', 'mc.example.com').expect(200);
    expect((await t.http().get('/api/tasks').set('Host', 'attacker.example')).status).toBe(403);
  });

  it('with MC_ALLOWED_HOSTS and a token, only those names', async () => {
    t = await startTestApp({ env: { HOST: '0.0.0.0', MC_API_TOKEN: 'host-secret', MC_ALLOWED_HOSTS: 'mc.example.com' } });
    expect((await t.http().get('/api/tasks').set('Host', 'other.example').set('Authorization', 'Bearer host-secret')).status).toBe(403);
    await t.http().get('/api/tasks').set('Host', 'mc.example.com').set('Authorization', 'Bearer host-secret').expect(200);
  });
});
