import { MissionControlError, MissionEvent } from '@mission-control/shared';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { followEvents } from './event-follower';

const event = (seq: number): MissionEvent => ({ seq, type: 'task_deleted', task_id: `t${seq}`, at: '2026-11-26T12:00:00.000Z', payload: { id: `t${seq}` } });
const frame = (seq: number) => `id: ${seq}\nevent: task_deleted\ndata: ${JSON.stringify(event(seq))}\n\n`;

/** A loopback SSE server whose every connection is answered by the next scripted handler. */
async function scriptedServer(script: ((res: http.ServerResponse, lastEventId: string | undefined) => void)[]) {
  const lastEventIds: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    const lastEventId = req.headers['last-event-id'] as string | undefined;
    lastEventIds.push(lastEventId);
    const next = script.shift();
    if (!next) return void res.writeHead(503).end();
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    next(res, lastEventId);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events/stream`;
  return { url, lastEventIds, close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))) };
}

describe('followEvents', () => {
  it('resumes after a drop with Last-Event-ID and hands on a replayed event only once', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const statuses: string[] = [];
    const server = await scriptedServer([
      (res) => res.end(frame(5) + frame(6)),
      // The replay after the drop repeats 6 (as a server that resumed from an older point would).
      (res) => res.write(frame(6) + frame(7)),
    ]);
    const sut = followEvents({
      url: server.url,
      headers: {},
      after: 4,
      signal: controller.signal,
      onEvent: (item) => {
        seen.push(item.seq);
        if (item.seq === 7) controller.abort();
      },
      onStatus: (message) => statuses.push(message),
    });
    await sut;
    await server.close();
    expect(seen).toEqual([5, 6, 7]);
    expect(server.lastEventIds).toEqual(['4', '6']);
    expect(statuses).toEqual(['connection lost; reconnecting…', 'reconnected, resuming after #6']);
  });

  it('reconnects when a connection goes silent without closing', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const server = await scriptedServer([(res) => res.write(frame(1)), (res) => res.write(frame(2))]);
    await followEvents({
      url: server.url,
      headers: {},
      after: null,
      silenceMs: 200,
      signal: controller.signal,
      onEvent: (item) => {
        seen.push(item.seq);
        if (item.seq === 2) controller.abort();
      },
      onStatus: () => undefined,
    });
    await server.close();
    expect(seen).toEqual([1, 2]);
    expect(server.lastEventIds).toEqual([undefined, '1']);
  });

  it('after a reset, takes the server at its word and hands on lower sequence numbers', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const statuses: string[] = [];
    const server = await scriptedServer([(res) => res.write(`event: reset\ndata: {"lastSeq":2}\n\n${frame(3)}`)]);
    await followEvents({
      url: server.url,
      headers: {},
      after: 40,
      signal: controller.signal,
      onEvent: (item) => {
        seen.push(item.seq);
        controller.abort();
      },
      onStatus: (message) => statuses.push(message),
    });
    await server.close();
    expect(seen).toEqual([3]);
    expect(statuses[0]).toMatch(/cannot replay from #40 .* continuing from #2/);
  });

  it('a refusal ends it with the server message', async () => {
    const server = http.createServer((_req, res) => res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"statusCode":401,"error":"Unauthorized","message":"Invalid API token"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events/stream`;
    const sut = followEvents({ url, headers: {}, after: null, signal: new AbortController().signal, onEvent: () => undefined, onStatus: () => undefined });
    await expect(sut).rejects.toEqual(new MissionControlError(401, 'Invalid API token', 'GET', '/api/events/stream'));
    await expect(sut).rejects.toMatchObject({ status: 401 });
    await new Promise((resolve) => server.close(resolve));
  });
});
