import * as path from 'node:path';
import { UsageError, parseOptions } from './orchestrator-options';
import { formatSeconds } from './task-run';

describe('parseOptions', () => {
  it('has the documented defaults', () => {
    expect(parseOptions([], {})).toEqual({
      url: 'http://localhost:4000',
      token: null,
      pollIntervalMs: 2000,
      concurrency: 2,
      adapter: 'simulated',
      command: null,
      simulatedWorkMs: 3000,
      deliverablesRoot: path.resolve('./data/deliverables'),
      heartbeatIntervalMs: 10_000,
      useEventStream: true,
      masterName: 'Charlie',
      subAgentName: 'Developer Sub-Agent',
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = { MC_URL: 'http://mc:4000/', MC_TOKEN: 'tok', SIMULATED_WORK_MS: '500', DELIVERABLES_ROOT: '/srv/files' };
    expect(parseOptions([], env)).toMatchObject({ url: 'http://mc:4000', token: 'tok', simulatedWorkMs: 500, deliverablesRoot: '/srv/files' });
    const sut = parseOptions(['--url=http://other:1', '--poll-interval', '250', '--concurrency', '4', '--adapter', 'command', '--command', 'sh -c "echo hi"', '--no-events'], env);
    expect(sut).toMatchObject({ url: 'http://other:1', pollIntervalMs: 250, concurrency: 4, adapter: 'command', command: 'sh -c "echo hi"', useEventStream: false });
  });

  it('refuses unknown options, bad numbers and a command adapter without a command', () => {
    expect(() => parseOptions(['--pol-interval', '5'], {})).toThrow(UsageError);
    expect(() => parseOptions(['--concurrency', '0'], {})).toThrow('--concurrency must be at least 1');
    expect(() => parseOptions(['--poll-interval', 'soon'], {})).toThrow('must be a non-negative integer');
    expect(() => parseOptions(['--adapter', 'magic'], {})).toThrow('--adapter must be simulated or command');
    expect(() => parseOptions(['--adapter', 'command'], {})).toThrow('needs --command');
    expect(() => parseOptions(['--command'], {})).toThrow('needs a value');
    expect(parseOptions(['--help'], {})).toBe('help');
  });
});

describe('formatSeconds', () => {
  it('gives whole seconds from ten up and one decimal below', () => {
    expect(formatSeconds(20_400)).toBe('20');
    expect(formatSeconds(3_000)).toBe('3');
    expect(formatSeconds(2_460)).toBe('2.5');
    expect(formatSeconds(40)).toBe('0');
  });
});
