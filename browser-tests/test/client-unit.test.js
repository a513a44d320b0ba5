// chorus-client's own logic, without a browser or a server: dedup by seq, ordering, resume
// bookkeeping, the outbox and the backoff, and the client against a scripted fake socket.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChorusClient, MessageLog, Outbox, backoffDelay, newClientMessageId, resumeRequests, DEFAULT_BACKOFF,
  RESEND_PER_SECOND,
} from '../../gateway/src/main/resources/static/chorus-client.js';

const msg = (seq, extra = {}) => ({
  id: `m${seq}`, groupId: 'g1', seq, kind: 'text', sender: { userId: 'bob', displayName: 'Bob' },
  text: `hello ${seq}`, media: null, clientMessageId: null, sentAt: '2026-11-24T10:00:00Z', ...extra,
});

describe('MessageLog', () => {
  test('keeps one message per seq, however often it arrives', () => {
    const log = new MessageLog();
    assert.equal(log.add(msg(1)), true);
    assert.equal(log.add(msg(1)), false);
    assert.deepEqual(log.addAll([msg(1), msg(2), msg(2)]).map(m => m.seq), [2]);
    assert.equal(log.size, 2);
  });

  test('orders by seq whatever the arrival order', () => {
    const log = new MessageLog();
    log.addAll([msg(5), msg(3), msg(4)]);
    log.add(msg(1));
    log.add(msg(2));
    assert.deepEqual(log.messages().map(m => m.seq), [1, 2, 3, 4, 5]);
    assert.equal(log.firstSeq, 1);
    assert.equal(log.lastSeq, 5);
  });

  test('resumes from the end of the unbroken run, so a gap is asked for again', () => {
    const log = new MessageLog();
    assert.equal(log.contiguousEnd(), 0);
    log.addAll([msg(3), msg(4), msg(5), msg(8)]);
    assert.equal(log.contiguousEnd(), 5);
    assert.equal(log.hasGap(), true);
    log.addAll([msg(6), msg(7)]);
    assert.equal(log.contiguousEnd(), 8);
    assert.equal(log.hasGap(), false);
  });

  test('ignores a frame without an integer seq', () => {
    const log = new MessageLog();
    assert.equal(log.add({ id: 'x' }), false);
    assert.equal(log.add(null), false);
    assert.equal(log.size, 0);
  });

  test('pages: hasMore of the latest and before pages says whether older messages exist', () => {
    const log = new MessageLog();
    log.applyPage([msg(51), msg(52)], true, 'latest');
    assert.equal(log.loaded, true);
    assert.equal(log.hasMoreBefore, true);
    log.applyPage([msg(49), msg(50)], true, 'before');
    assert.equal(log.hasMoreBefore, true);
    log.applyPage([msg(2), msg(3)], false, 'before');
    assert.equal(log.hasMoreBefore, false);
  });

  test('pages: an after page never changes what is known of older messages', () => {
    const log = new MessageLog();
    log.applyPage([msg(10)], true, 'latest');
    log.applyPage([msg(11), msg(12)], true, 'after');
    assert.equal(log.hasMoreBefore, true);
    assert.deepEqual(log.messages().map(m => m.seq), [10, 11, 12]);
  });

  test('pages: reaching seq 1 means there is nothing older, and an empty group has nothing older', () => {
    const log = new MessageLog();
    log.applyPage([], false, 'latest');
    assert.equal(log.hasMoreBefore, false);
    const other = new MessageLog();
    other.applyPage([msg(1), msg(2)], true, 'after');
    assert.equal(other.hasMoreBefore, false);
  });

  test('counts unread messages of others after the last read seq', () => {
    const log = new MessageLog();
    log.addAll([msg(1), msg(2, { sender: { userId: 'alice' } }), msg(3), msg(4)]);
    assert.equal(log.unreadAfter(1, 'alice'), 2);
    assert.equal(log.unreadAfter(4, 'alice'), 0);
  });
});

describe('Outbox', () => {
  test('the server message with our clientMessageId replaces the local echo', () => {
    const outbox = new Outbox();
    outbox.add({ clientMessageId: 'c-1', groupId: 'g1', kind: 'text', text: 'hi' });
    assert.equal(outbox.confirm(msg(1, { clientMessageId: 'c-1', sender: { userId: 'bob' } }), 'alice'), null,
      'another sender reusing the id confirms nothing');
    assert.equal(outbox.confirm(msg(1, { clientMessageId: 'c-1', groupId: 'g2', sender: { userId: 'alice' } }), 'alice'), null,
      'the same id in another group confirms nothing');
    const confirmed = outbox.confirm(msg(1, { clientMessageId: 'c-1', sender: { userId: 'alice' } }), 'alice');
    assert.equal(confirmed.text, 'hi');
    assert.equal(outbox.all().length, 0);
  });

  test('sends again everything not refused for good, oldest first', () => {
    const outbox = new Outbox();
    outbox.add({ clientMessageId: 'a', groupId: 'g1' });
    outbox.add({ clientMessageId: 'b', groupId: 'g1', status: 'failed' });
    outbox.add({ clientMessageId: 'c', groupId: 'g2', status: 'sent' });
    assert.deepEqual(outbox.toSend().map(i => i.clientMessageId), ['a', 'c']);
    outbox.removeGroup('g1');
    assert.deepEqual(outbox.all().map(i => i.clientMessageId), ['c']);
  });
});

describe('resume and backoff', () => {
  test('resumeRequests: afterSeq for loaded groups, initial data for the rest, nothing for non-members', () => {
    const loaded = new MessageLog();
    loaded.applyPage([msg(7), msg(8), msg(10)], false, 'latest');
    const requests = resumeRequests([
      { id: 'g1', member: true, log: loaded },
      { id: 'g2', member: true, log: new MessageLog() },
      { id: 'g3', member: false, log: new MessageLog() },
    ]);
    assert.deepEqual(requests, [
      { type: 'CHAT:GET_INIT_MESSAGES', data: { groupId: 'g1', afterSeq: 8, limit: 200 } },
      { type: 'GROUP:GET_INIT_DATA', data: { groupId: 'g2' } },
    ]);
  });

  test('backoff doubles from the base, is capped, and jitters within bounds', () => {
    const none = { ...DEFAULT_BACKOFF, jitter: 0 };
    assert.deepEqual([0, 1, 2, 3].map(a => backoffDelay(a, none)), [500, 1000, 2000, 4000]);
    assert.equal(backoffDelay(30, none), DEFAULT_BACKOFF.maxMs);
    assert.equal(backoffDelay(0, DEFAULT_BACKOFF, () => 0), 375);
    assert.equal(backoffDelay(0, DEFAULT_BACKOFF, () => 1), 625);
  });

  test('clientMessageIds are unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, newClientMessageId));
    assert.equal(ids.size, 1000);
  });
});

// ---- the client against a fake socket ----

class FakeSocket {
  static all = [];
  constructor(url) { this.url = url; this.sent = []; FakeSocket.all.push(this); }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.onclose?.({ code: 1000 }); }
  serve(type, data) { this.onmessage({ data: JSON.stringify({ type, data }) }); }
  drop() { this.onclose({ code: 1006 }); }
  types() { return this.sent.map(f => f.type); }
}

function fakeTimers() {
  const pending = [];
  return {
    setTimeout(fn, ms) { pending.push({ fn, ms }); return pending.length; },
    clearTimeout() {},
    runAll() { for (const { fn } of pending.splice(0)) fn(); },
    pending,
  };
}

function connectedClient() {
  FakeSocket.all = [];
  const timers = fakeTimers();
  const client = new ChorusClient({ baseUrl: 'http://localhost:8080', token: 't', WebSocketImpl: FakeSocket, timers, random: () => 0.5 });
  client.connect();
  const socket = FakeSocket.all[0];
  socket.serve('SYSTEM:CONNECTED', { userId: 'alice', displayName: 'Alice', limits: {} });
  return { client, socket, timers };
}

const group = { id: 'g1', name: 'Friends', createdBy: 'alice', memberCount: 2 };

describe('ChorusClient', () => {
  test('connects with the token and asks for groups and the profile', () => {
    const { client, socket } = connectedClient();
    assert.equal(socket.url, 'ws://localhost:8080/ws?access_token=t');
    assert.equal(client.state, 'open');
    assert.deepEqual(socket.types(), ['GROUP:GET_ALL_GROUPS', 'USER:REFRESH_PROFILE']);
  });

  test('a group announced after the list was asked for stays when the list, answered before the directory had it, comes back without it', () => {
    const { client, socket } = connectedClient();
    socket.serve('GROUP:GROUP_ADDED', { group: { id: 'g9', name: 'New', memberCount: 1 } });
    socket.serve('GROUP:RETURN_ALL_GROUPS', { groups: [] });
    assert.equal(client.groups.has('g9'), true);

    client.refreshGroups();
    socket.serve('GROUP:RETURN_ALL_GROUPS', { groups: [] });
    assert.equal(client.groups.has('g9'), false, 'a later list without it is believed');
  });

  test('loads each group it is a member of, then resumes each with afterSeq after a reconnect', () => {
    const { client, socket, timers } = connectedClient();
    socket.serve('USER:PROFILE_REFRESHED', { userId: 'alice', groups: [group] });
    assert.deepEqual(socket.sent.at(-1), { type: 'GROUP:GET_INIT_DATA', data: { groupId: 'g1' } });
    socket.serve('GROUP:RETURN_INIT_DATA', { group, members: [], messages: [msg(1), msg(2)], hasMore: false });
    socket.serve('CHAT:MESSAGE_RETURN_TEXT', msg(3));

    socket.drop();
    assert.equal(client.state, 'waiting');
    assert.equal(timers.pending[0].ms, 500, 'the first retry waits the base delay');
    timers.runAll();
    const second = FakeSocket.all[1];
    second.serve('SYSTEM:CONNECTED', { userId: 'alice', displayName: 'Alice' });
    second.serve('USER:PROFILE_REFRESHED', { userId: 'alice', groups: [group] });
    assert.deepEqual(second.sent.at(-1),
      { type: 'CHAT:GET_INIT_MESSAGES', data: { groupId: 'g1', afterSeq: 3, limit: 200 } });

    second.serve('CHAT:RETURN_INIT_MESSAGES', { groupId: 'g1', messages: [msg(3), msg(4)], hasMore: true });
    assert.deepEqual(second.sent.at(-1).data, { groupId: 'g1', afterSeq: 4, limit: 200 }, 'hasMore asks for the next page');
    second.serve('CHAT:RETURN_INIT_MESSAGES', { groupId: 'g1', messages: [msg(5)], hasMore: false });
    assert.deepEqual(client.groups.get('g1').log.messages().map(m => m.seq), [1, 2, 3, 4, 5]);
    assert.equal(second.sent.filter(f => f.type === 'CHAT:GET_INIT_MESSAGES').length, 2);
  });

  test('a live message past a gap asks for what is missing', () => {
    const { client, socket } = connectedClient();
    socket.serve('GROUP:RETURN_INIT_DATA', { group, members: [], messages: [msg(1)], hasMore: false });
    socket.serve('CHAT:MESSAGE_RETURN_TEXT', msg(4));
    assert.deepEqual(socket.sent.at(-1).data, { groupId: 'g1', afterSeq: 1, limit: 200 });
    socket.serve('CHAT:RETURN_INIT_MESSAGES', { groupId: 'g1', messages: [msg(2), msg(3), msg(4)], hasMore: false });
    assert.deepEqual(client.groups.get('g1').log.messages().map(m => m.seq), [1, 2, 3, 4]);
  });

  test('an unsent message is sent again after a reconnect with the same clientMessageId, then confirmed', () => {
    const { client, socket, timers } = connectedClient();
    socket.serve('GROUP:RETURN_INIT_DATA', { group, members: [], messages: [], hasMore: false });
    const item = client.sendText('g1', 'are you there?');
    const first = socket.sent.at(-1);
    assert.equal(first.type, 'CHAT:SEND_MESSAGE_TEXT');
    assert.equal(first.data.clientMessageId, item.clientMessageId);

    socket.drop();
    timers.runAll();
    const second = FakeSocket.all[1];
    second.serve('SYSTEM:CONNECTED', { userId: 'alice', displayName: 'Alice' });
    const again = second.sent.find(f => f.type === 'CHAT:SEND_MESSAGE_TEXT');
    assert.deepEqual(again.data, first.data);

    second.serve('CHAT:MESSAGE_RETURN_TEXT', msg(1, { clientMessageId: item.clientMessageId, sender: { userId: 'alice' } }));
    assert.equal(client.outbox.all().length, 0, 'the local echo is gone');
    assert.equal(client.groups.get('g1').log.size, 1);
  });

  test('a long outbox goes out after a reconnect at most RESEND_PER_SECOND a second, oldest first', () => {
    const { client, socket, timers } = connectedClient();
    socket.drop();
    const texts = Array.from({ length: 40 }, (_, i) => `offline ${i}`);
    for (const text of texts) client.sendText('g1', text);
    timers.runAll(); // the reconnect
    const second = FakeSocket.all[1];
    const sends = () => second.sent.filter(f => f.type === 'CHAT:SEND_MESSAGE_TEXT').map(f => f.data.text);

    second.serve('SYSTEM:CONNECTED', { userId: 'alice', displayName: 'Alice' });
    assert.equal(RESEND_PER_SECOND, 15, 'under the gateway\'s 20 frames a second');
    assert.deepEqual(sends(), texts.slice(0, 15));
    assert.equal(timers.pending.at(-1).ms, 1000);
    timers.runAll();
    assert.deepEqual(sends(), texts.slice(0, 30));
    timers.runAll();
    assert.deepEqual(sends(), texts, 'all of them, each once, in the order written');
    timers.runAll();
    assert.equal(sends().length, 40, 'nothing more once the backlog is out');
  });

  test('a message written while a backlog goes out waits behind it; one that lands meanwhile is not resent', () => {
    const { client, socket, timers } = connectedClient();
    socket.drop();
    const items = Array.from({ length: 20 }, (_, i) => client.sendText('g1', `offline ${i}`));
    timers.runAll();
    const second = FakeSocket.all[1];
    const sends = () => second.sent.filter(f => f.type === 'CHAT:SEND_MESSAGE_TEXT').map(f => f.data.text);
    second.serve('SYSTEM:CONNECTED', { userId: 'alice', displayName: 'Alice' });

    client.sendText('g1', 'new one');
    assert.equal(sends().length, 15, 'not sent ahead of the five still waiting');
    second.serve('CHAT:MESSAGE_RETURN_TEXT', msg(1, { clientMessageId: items[16].clientMessageId, sender: { userId: 'alice' } }));
    second.drop(); // a drop cancels the rest of this connection's backlog...
    timers.runAll();
    assert.equal(sends().length, 15);
    const third = FakeSocket.all[2];
    third.serve('SYSTEM:CONNECTED', { userId: 'alice', displayName: 'Alice' });
    timers.runAll();
    const resent = third.sent.filter(f => f.type === 'CHAT:SEND_MESSAGE_TEXT').map(f => f.data.text);
    assert.equal(resent.length, 20, '...and the next one sends everything not confirmed, 19 old and the new one');
    assert.equal(resent.at(-1), 'new one');
    assert.ok(!resent.includes('offline 16'), 'the confirmed one is not sent again');
  });

  test('a user in many groups resumes them RESEND_PER_SECOND a second, and a refused resume is asked again', () => {
    const { socket, timers } = connectedClient();
    const groups = Array.from({ length: 40 }, (_, i) => ({ id: `g${i}`, name: `G${i}`, createdBy: 'bob', memberCount: 2 }));
    const asked = () => socket.sent.filter(f => f.type === 'GROUP:GET_INIT_DATA').map(f => f.data.groupId);

    socket.serve('USER:PROFILE_REFRESHED', { userId: 'alice', groups });
    assert.deepEqual(asked(), groups.slice(0, 15).map(g => g.id), 'not 40 frames at once: the gateway allows 20 a second');
    socket.serve('SYSTEM:ERROR', { code: 'RATE_LIMITED', requestType: 'GROUP:GET_INIT_DATA', groupId: 'g3' });
    timers.runAll();
    assert.equal(asked().length, 30);
    timers.runAll();
    timers.runAll();
    assert.deepEqual(asked().slice(0, 40), groups.map(g => g.id));
    assert.deepEqual(asked().slice(40), ['g3'], 'the refused one once more, after the others');
    timers.runAll();
    assert.equal(asked().length, 41);
  });

  test('a GIF goes by its https address, with a caption, under a clientMessageId', () => {
    const { client, socket } = connectedClient();
    const item = client.sendMedia('g1', 'gif', { url: 'https://media.example/party.gif', caption: 'yay' });
    assert.deepEqual(socket.sent.at(-1), { type: 'CHAT:SEND_MESSAGE_GIF',
      data: { groupId: 'g1', clientMessageId: item.clientMessageId, url: 'https://media.example/party.gif', caption: 'yay' } });
    assert.equal(item.previewUrl, 'https://media.example/party.gif', 'the local echo shows it at once');
  });

  test('UNAVAILABLE retries the send later; a final refusal marks it failed', () => {
    const { client, socket, timers } = connectedClient();
    const retried = client.sendText('g1', 'one');
    const refused = client.sendText('g1', 'two');
    socket.serve('SYSTEM:ERROR', { code: 'UNAVAILABLE', clientMessageId: retried.clientMessageId });
    socket.serve('SYSTEM:ERROR', { code: 'TOO_LARGE', message: 'too long', clientMessageId: refused.clientMessageId });
    assert.equal(refused.status, 'failed');
    assert.equal(retried.status, 'queued');
    const before = socket.sent.length;
    timers.runAll();
    assert.equal(socket.sent.length, before + 1);
    assert.equal(socket.sent.at(-1).data.clientMessageId, retried.clientMessageId);
  });

  test('typing shows from start to stop, ends with the message, and is cleared by a disconnect', () => {
    const { client, socket } = connectedClient();
    socket.serve('GROUP:RETURN_INIT_DATA', { group, members: [], messages: [], hasMore: false });
    socket.serve('CHAT:USER_STARTED_TYPING', { groupId: 'g1', userId: 'bob', displayName: 'Bob' });
    assert.deepEqual([...client.groups.get('g1').typing.values()], ['Bob']);
    socket.serve('CHAT:MESSAGE_RETURN_TEXT', msg(1));
    assert.equal(client.groups.get('g1').typing.size, 0);
    socket.serve('CHAT:USER_STARTED_TYPING', { groupId: 'g1', userId: 'bob', displayName: 'Bob' });
    socket.drop();
    assert.equal(client.groups.get('g1').typing.size, 0);
  });

  test('unread counts what others sent after the last read, and markRead clears it', () => {
    const { client, socket } = connectedClient();
    socket.serve('GROUP:RETURN_INIT_DATA', { group, members: [], messages: [msg(1), msg(2)], hasMore: false });
    assert.equal(client.unread('g1'), 0, 'history seen on first load starts read');
    socket.serve('CHAT:MESSAGE_RETURN_TEXT', msg(3));
    socket.serve('CHAT:MESSAGE_RETURN_TEXT', msg(4, { sender: { userId: 'alice' } }));
    assert.equal(client.unread('g1'), 1);
    client.markRead('g1');
    assert.equal(client.unread('g1'), 0);
  });

  test('loading older pages asks before the oldest seq, once at a time', () => {
    const { client, socket } = connectedClient();
    socket.serve('GROUP:RETURN_INIT_DATA', { group, members: [], messages: [msg(51), msg(52)], hasMore: true });
    assert.equal(client.loadOlder('g1', 50), true);
    assert.equal(client.loadOlder('g1', 50), false, 'one page at a time');
    assert.deepEqual(socket.sent.at(-1).data, { groupId: 'g1', beforeSeq: 51, limit: 50 });
    socket.serve('CHAT:RETURN_INIT_MESSAGES', { groupId: 'g1', messages: [msg(49), msg(50)], hasMore: false });
    assert.equal(client.groups.get('g1').log.hasMoreBefore, false);
    assert.equal(client.loadOlder('g1'), false, 'nothing older to ask for');
  });
});
