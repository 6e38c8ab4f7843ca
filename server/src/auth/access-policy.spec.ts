import { accessRefusal, creditAgent } from './access-policy';
import { Principal } from './principal';

const agent: Principal = { role: 'agent', tokenId: 't1', agentId: 'a1' };
const viewer: Principal = { role: 'viewer', tokenId: 't2', agentId: null };

describe('creditAgent', () => {
  it('fills an absent or null field with the token agent, in every array item', () => {
    const body = [{ message: 'x' }, { message: 'y', agent_id: null }, { message: 'z', agent_id: 'a1' }];
    expect(creditAgent(agent, { credit: 'agent_id' }, body)).toBeNull();
    expect(body.map((item) => item.agent_id)).toEqual(['a1', 'a1', 'a1']);
  });

  it('refuses another agent, naming the item', () => {
    const sut = creditAgent(agent, { credit: 'agent_id' }, [{ agent_id: 'a1' }, { agent_id: 'a2' }]);
    expect(sut).toMatch(/^\[1\]\.agent_id "a2" is another agent/);
  });

  it('refuses fields outside `only`, and leaves non-objects to validation', () => {
    expect(creditAgent(agent, { credit: 'agent_id', only: ['status'] }, { title: 'x' })).toMatch(/not title/);
    expect(creditAgent(agent, { credit: 'agent_id' }, 'text')).toBeNull();
    expect(creditAgent(agent, { credit: 'agent_id' }, { agent_id: 42 })).toBeNull();
  });

  it('touches nothing for the operator or a route without a rule', () => {
    const body = { message: 'x' };
    expect(creditAgent({ role: 'operator', tokenId: null, agentId: null }, { credit: 'agent_id' }, body)).toBeNull();
    expect(creditAgent(agent, undefined, body)).toBeNull();
    expect(body).toEqual({ message: 'x' });
  });
});

describe('accessRefusal', () => {
  it('lets every role read, and only allowed roles write', () => {
    expect(accessRefusal(viewer, 'GET', '/api/tasks', undefined)).toBeNull();
    expect(accessRefusal(viewer, 'POST', '/api/tasks', undefined)).toMatch(/viewer token may only read/);
    expect(accessRefusal(agent, 'DELETE', '/api/tasks/1', undefined)).toMatch(/agent token may not DELETE/);
    expect(accessRefusal(agent, 'POST', '/api/tasks/1/activities', { roles: ['agent'] })).toBeNull();
    expect(accessRefusal(agent, 'POST', '/api/sessions/s1/output', undefined)).toBeNull();
    expect(accessRefusal(agent, 'GET', '/api/tokens', { operatorOnly: true })).toMatch(/Only the operator/);
  });
});
