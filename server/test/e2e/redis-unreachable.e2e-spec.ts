import { startTestApp } from './support/test-app';

describe('REDIS_URL that nothing answers', () => {
  it('fails the start within seconds with a message naming REDIS_URL, instead of never coming up', async () => {
    const started = Date.now();
    const app = startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    await expect(app).rejects.toThrow(/Redis at redis:\/\/127\.0\.0\.1:1 is not reachable .*REDIS_URL/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
