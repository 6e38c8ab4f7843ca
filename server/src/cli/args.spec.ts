import { parseInvocation, UsageError } from './args';

describe('parseInvocation', () => {
  it('takes --url and --token before MC_URL and MC_TOKEN, and those before the defaults', () => {
    expect(parseInvocation(['tasks'], {})).toMatchObject({ command: 'tasks', url: 'http://localhost:4000', token: null, json: false });
    expect(parseInvocation(['tasks'], { MC_URL: 'http://mc:9/', MC_TOKEN: 't1' })).toMatchObject({ url: 'http://mc:9', token: 't1' });
    expect(parseInvocation(['tasks', '--url', 'http://x:1', '--token', 't2'], { MC_URL: 'http://mc:9', MC_TOKEN: 't1' })).toMatchObject({ url: 'http://x:1', token: 't2' });
  });

  it('keeps the options of the command and its arguments', () => {
    expect(parseInvocation(['log', 'T1', 'hello world', '--type', 'completed', '--json'], {})).toMatchObject({
      command: 'log',
      positionals: ['T1', 'hello world'],
      options: { type: 'completed' },
      json: true,
    });
    expect(parseInvocation(['--help'], {}).help).toBe(true);
    expect(parseInvocation(['help'], {}).help).toBe(true);
  });

  it.each([
    [[], /No command given/],
    [['nope'], /Unknown command "nope"/],
    [['add'], /"add" takes <title>, got none/],
    [['move', 'a', 'b', 'c'], /"move" takes <task-id> <status>, got "a" "b" "c"/],
    [['tasks', '--since', '3'], /"tasks" does not take --since/],
    [['tasks', '--what'], /Unknown option '--what'/],
    [['tasks', '--url', 'not a url'], /--url must be a URL/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseInvocation(argv as string[], {})).toThrow(UsageError);
    expect(() => parseInvocation(argv as string[], {})).toThrow(message);
  });
});
