import { startupRefusal } from './startup-check';

describe('startupRefusal', () => {
  it('lets an open server listen on loopback only', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(startupRefusal({ host, apiToken: null, allowNoAuth: false })).toBeNull();
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'mc.example']) {
      const sut = startupRefusal({ host, apiToken: null, allowNoAuth: false });
      for (const fix of ['MC_API_TOKEN=', 'HOST=127.0.0.1', 'MC_ALLOW_NO_AUTH=1']) expect(sut).toContain(fix);
    }
  });

  it('starts anywhere with a token, or with MC_ALLOW_NO_AUTH=1 behind a proxy', () => {
    expect(startupRefusal({ host: '0.0.0.0', apiToken: 'secret', allowNoAuth: false })).toBeNull();
    expect(startupRefusal({ host: '0.0.0.0', apiToken: null, allowNoAuth: true })).toBeNull();
  });
});
