// chorus-client: a browser (and Node) client for the Chorus WebSocket protocol, with no UI in it.
// It keeps the groups, members, message logs, typing and unread counts; reconnects by itself with
// backoff, resumes every group with afterSeq, and retries unsent messages with their clientMessageId.
// Usage and events: docs/CLIENT.md.

/** Reconnect delays: base * factor^attempt, capped, spread by +-jitter so clients do not stampede. */
export const DEFAULT_BACKOFF = Object.freeze({ baseMs: 500, factor: 2, maxMs: 10000, jitter: 0.25 });

/** Error codes after which the same send may succeed later; any other refusal is final. */
const RETRYABLE = new Set(['UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL']);
const RESUME_PAGE = 200;
/**
 * After a reconnect the outbox and the resume request of every group go out at most this many a second
 * each, oldest first: under the gateway's 20 frames a second (and its burst of 40), so a long outbox or
 * a user in many groups never earns RATE_LIMITED (and, past 20 refusals, a 1008 close and the same
 * burst again on the next connection). The JVM client paces its sends the same way.
 */
export const RESEND_PER_SECOND = 15;
const TYPING_REPEAT_MS = 3000;
const SEND_TYPES = { text: 'CHAT:SEND_MESSAGE_TEXT', image: 'CHAT:SEND_MESSAGE_IMAGE',
  audio: 'CHAT:SEND_MESSAGE_AUDIO', gif: 'CHAT:SEND_MESSAGE_GIF' };

export function backoffDelay(attempt, options = DEFAULT_BACKOFF, random = Math.random) {
  const raw = Math.min(options.maxMs, options.baseMs * options.factor ** attempt);
  const spread = raw * options.jitter;
  return Math.max(0, Math.round(raw - spread + random() * 2 * spread));
}

/** 128 random bits as 32 hex characters; crypto.randomUUID needs a secure context, this does not. */
export function newClientMessageId() {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return 'c-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One group's messages by seq: duplicates (a message seen live and again in a page) are dropped,
 * the order is always by seq, and it knows where to resume (the end of the run that starts at the
 * oldest loaded message, so a gap is asked for again rather than skipped).
 */
export class MessageLog {
  #bySeq = new Map();
  #sorted = null;
  /** Whether older messages than the first loaded one exist on the server. */
  hasMoreBefore = true;
  /** Whether the latest messages have been loaded once, so that afterSeq can resume from here. */
  loaded = false;

  get size() { return this.#bySeq.size; }
  get firstSeq() { return this.size ? this.messages()[0].seq : 0; }
  get lastSeq() { return this.size ? this.messages()[this.size - 1].seq : 0; }
  has(seq) { return this.#bySeq.has(seq); }

  /** @returns true when the message is new, false for a seq already held */
  add(message) {
    if (!Number.isInteger(message?.seq) || this.#bySeq.has(message.seq)) return false;
    this.#bySeq.set(message.seq, message);
    this.#sorted = null;
    return true;
  }

  /** @returns the messages that were new, in seq order */
  addAll(messages) {
    return messages.filter(m => this.add(m)).sort((a, b) => a.seq - b.seq);
  }

  messages() {
    if (!this.#sorted) this.#sorted = [...this.#bySeq.values()].sort((a, b) => a.seq - b.seq);
    return this.#sorted;
  }

  /** The last seq of the unbroken run from the oldest loaded message: what afterSeq resumes from. */
  contiguousEnd() {
    if (!this.size) return 0;
    let seq = this.firstSeq;
    while (this.#bySeq.has(seq + 1)) seq++;
    return seq;
  }

  hasGap() { return this.contiguousEnd() < this.lastSeq; }

  /**
   * Merges a page. kind is 'latest' (no cursor), 'before' or 'after'; hasMore means older messages
   * exist for the first two and newer ones for 'after'.
   */
  applyPage(messages, hasMore, kind) {
    const added = this.addAll(messages);
    if (kind !== 'after') {
      const oldestInPage = messages.reduce((min, m) => Math.min(min, m.seq), Infinity);
      if (!this.size || oldestInPage <= this.firstSeq) this.hasMoreBefore = Boolean(hasMore);
    }
    if (this.firstSeq === 1) this.hasMoreBefore = false;
    if (kind !== 'before') this.loaded = true;
    return added;
  }

  unreadAfter(lastReadSeq, myUserId) {
    return this.messages().filter(m => m.seq > lastReadSeq && m.sender?.userId !== myUserId).length;
  }

  clear() {
    this.#bySeq.clear();
    this.#sorted = null;
    this.hasMoreBefore = true;
    this.loaded = false;
  }
}

/** Messages not yet confirmed by the server, in the order they were written, by clientMessageId. */
export class Outbox {
  #items = new Map();

  add(item) {
    const entry = { status: 'queued', attempts: 0, error: null, ...item };
    this.#items.set(entry.clientMessageId, entry);
    return entry;
  }

  get(clientMessageId) { return this.#items.get(clientMessageId); }
  remove(clientMessageId) { return this.#items.delete(clientMessageId); }
  all() { return [...this.#items.values()]; }
  forGroup(groupId) { return this.all().filter(item => item.groupId === groupId); }
  removeGroup(groupId) { for (const item of this.forGroup(groupId)) this.#items.delete(item.clientMessageId); }

  /** The server's message replaces the optimistic echo: @returns the item it confirmed, if any */
  confirm(message, myUserId) {
    if (!message.clientMessageId || message.sender?.userId !== myUserId) return null;
    const item = this.#items.get(message.clientMessageId);
    if (!item || item.groupId !== message.groupId) return null;
    this.#items.delete(message.clientMessageId);
    return item;
  }

  /** What to send (again) once connected: everything not refused for good, oldest first. */
  toSend() { return this.all().filter(item => item.status !== 'failed'); }
}

/**
 * What to ask for each group one is a member of after (re)connecting: the messages after the last
 * contiguous seq for a group already loaded, the group's initial data otherwise.
 */
export function resumeRequests(groups) {
  const requests = [];
  for (const g of groups) {
    if (!g.member) continue;
    requests.push(g.log.loaded
      ? { type: 'CHAT:GET_INIT_MESSAGES', data: { groupId: g.id, afterSeq: g.log.contiguousEnd(), limit: RESUME_PAGE } }
      : { type: 'GROUP:GET_INIT_DATA', data: { groupId: g.id } });
  }
  return requests;
}

/** Asks a dev token (only while the server has dev auth on). */
export async function devToken(baseUrl, userId, displayName, fetchImpl = globalThis.fetch) {
  const response = await fetchImpl(new URL('/api/dev/token', baseUrl), {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, displayName }),
  });
  if (!response.ok) throw new Error(`dev token refused: HTTP ${response.status}`);
  return (await response.json()).token;
}

/**
 * The connection and everything it knows. Emits (as Events with a detail):
 * 'state' {state, attempt, retryInMs}, 'groups', 'group' {groupId}, 'messages' {groupId, added},
 * 'typing' {groupId}, 'outbox' {groupId}, 'problem' {code, message, requestType, groupId}.
 * state is 'idle', 'connecting', 'open', 'waiting' (to reconnect) or 'closed'.
 */
export class ChorusClient extends EventTarget {
  constructor({ baseUrl, token, WebSocketImpl = globalThis.WebSocket, fetchImpl = globalThis.fetch?.bind(globalThis),
    storage = null, backoff = DEFAULT_BACKOFF, random = Math.random, timers = globalThis } = {}) {
    super();
    Object.assign(this, { baseUrl, token, WebSocketImpl, fetchImpl, storage, backoff, random, timers });
    this.state = 'idle';
    this.attempt = 0;
    this.me = null;
    this.limits = null;
    /** Every group known, by id: {id, group, member, members: Map|null, log, typing: Map, lastRead} */
    this.groups = new Map();
    this.outbox = new Outbox();
    this.paced = []; // what this connection has still to send after connecting, oldest first: () => sent?
    this.pacedTimer = null;
    this.socket = null;
    this.retryTimer = null;
    this.pendingPages = new Map(); // groupId -> kinds of CHAT:GET_INIT_MESSAGES asked, in order
    this.typingSentAt = new Map();
  }

  // ---- connection ----

  connect() {
    if (this.state === 'connecting' || this.state === 'open') return;
    this.timers.clearTimeout(this.retryTimer);
    const url = new URL('/ws', this.baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('access_token', this.token);
    this.#setState('connecting');
    const socket = new this.WebSocketImpl(url.toString());
    this.socket = socket;
    socket.onmessage = event => { if (socket === this.socket) this.#onFrame(event.data); };
    socket.onclose = () => { if (socket === this.socket) this.#onClosed(); };
    socket.onerror = () => {}; // a close always follows
  }

  /** Stops for good (sign out); no reconnect. */
  close() {
    this.timers.clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    this.#setState('closed');
    socket?.close(1000);
  }

  /** Skips the wait of the backoff (the browser came back online, the user asked). */
  reconnectNow() {
    if (this.state === 'waiting') this.connect();
  }

  #onClosed() {
    this.socket = null;
    this.paced = [];
    this.timers.clearTimeout(this.pacedTimer);
    this.pacedTimer = null;
    this.pendingPages.clear();
    this.typingSentAt.clear();
    for (const g of this.groups.values()) if (g.typing.size) { g.typing.clear(); this.#emit('typing', { groupId: g.id }); }
    for (const item of this.outbox.all()) if (item.status === 'sent') item.status = 'queued';
    const retryInMs = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.#setState('waiting', retryInMs);
    this.retryTimer = this.timers.setTimeout(() => this.connect(), retryInMs);
  }

  #setState(state, retryInMs = 0) {
    this.state = state;
    this.#emit('state', { state, attempt: this.attempt, retryInMs });
  }

  #send(type, data = {}) {
    if (this.state !== 'open') return false;
    this.socket.send(JSON.stringify({ type, data }));
    return true;
  }

  #emit(type, detail = {}) {
    const event = new Event(type);
    event.detail = detail;
    this.dispatchEvent(event);
  }

  // ---- requests ----

  createGroup(name, description) { return this.#send('GROUP:ADD_GROUP', description ? { name, description } : { name }); }
  joinGroup(groupId) { return this.#send('GROUP:JOIN_GROUP', { groupId }); }
  leaveGroup(groupId) { return this.#send('GROUP:LEAVE_GROUP', { groupId }); }
  deleteGroup(groupId) { return this.#send('GROUP:DELETE_GROUP', { groupId }); }
  refreshGroups() { return this.#listGroups(); }

  /**
   * Asks for the directory. Groups announced (GROUP_ADDED) after this are kept when the answer does not list
   * them: the directory lags creations, so an answer to a request the processor took after a creation may
   * not have it yet.
   */
  #listGroups() {
    this.#announced.clear();
    return this.#send('GROUP:GET_ALL_GROUPS');
  }

  /** Loads (or refreshes) a group's members and latest messages. */
  openGroup(groupId) { return this.#send('GROUP:GET_INIT_DATA', { groupId }); }

  /** Asks the page before the oldest loaded message. @returns false when there is nothing to ask */
  loadOlder(groupId, limit = 50) {
    const g = this.groups.get(groupId);
    if (!g?.log.size || !g.log.hasMoreBefore || this.#pageKinds(groupId).includes('before')) return false;
    return this.#askPage(groupId, 'before', { beforeSeq: g.log.firstSeq, limit });
  }

  #pageKinds(groupId) {
    if (!this.pendingPages.has(groupId)) this.pendingPages.set(groupId, []);
    return this.pendingPages.get(groupId);
  }

  #askPage(groupId, kind, cursor) {
    if (!this.#send('CHAT:GET_INIT_MESSAGES', { groupId, ...cursor })) return false;
    this.#pageKinds(groupId).push(kind);
    return true;
  }

  #resume(groupId) {
    const g = this.groups.get(groupId);
    if (this.#pageKinds(groupId).includes('after')) return;
    this.#askPage(groupId, 'after', { afterSeq: g.log.contiguousEnd(), limit: RESUME_PAGE });
  }

  /** Call on every keystroke; sends START_TYPING at most every few seconds. */
  typing(groupId) {
    const now = Date.now();
    if (now - (this.typingSentAt.get(groupId) ?? 0) < TYPING_REPEAT_MS) return;
    if (this.#send('CHAT:START_TYPING', { groupId })) this.typingSentAt.set(groupId, now);
  }

  stopTyping(groupId) {
    if (this.typingSentAt.delete(groupId)) this.#send('CHAT:STOP_TYPING', { groupId });
  }

  sendText(groupId, text) {
    return this.#enqueue({ groupId, kind: 'text', text });
  }

  /** A file (Blob with a type) to upload, or an https URL (GIFs); kind 'image', 'audio' or 'gif'. */
  sendMedia(groupId, kind, { file = null, url = null, caption = null, previewUrl = null }) {
    return this.#enqueue({ groupId, kind, file, url, caption: caption || null, previewUrl: previewUrl ?? url });
  }

  /** Tries a message the server refused again, under the same clientMessageId. */
  retry(clientMessageId) {
    const item = this.outbox.get(clientMessageId);
    if (!item) return;
    Object.assign(item, { status: 'queued', error: null });
    this.#deliver(item);
  }

  discard(clientMessageId) {
    const item = this.outbox.get(clientMessageId);
    if (item && this.outbox.remove(clientMessageId)) this.#emit('outbox', { groupId: item.groupId });
  }

  #enqueue(fields) {
    const item = this.outbox.add({ clientMessageId: newClientMessageId(), createdAt: new Date().toISOString(), ...fields });
    this.typingSentAt.delete(item.groupId); // the server ends our typing when the message lands
    this.#emit('outbox', { groupId: item.groupId });
    if (this.paced.length) this.#pace([this.#resending(item)]); // behind the backlog, so it keeps its order
    else this.#deliver(item);
    return item;
  }

  /** The outbox item as a paced job: sends it unless it landed, failed or went out meanwhile. */
  #resending(item) {
    return () => {
      if (this.outbox.get(item.clientMessageId) !== item || item.status !== 'queued') return false;
      this.#deliver(item);
      return true;
    };
  }

  /** A group's resume (see resumeRequests) as a paced job; nothing once we are no longer a member. */
  #resuming(groupId) {
    return () => {
      const g = this.groups.get(groupId);
      const [request] = g ? resumeRequests([g]) : [];
      if (!request) return false;
      if (request.type === 'GROUP:GET_INIT_DATA') this.#send(request.type, request.data);
      else this.#resume(groupId);
      return true;
    };
  }

  /** Queues jobs behind the others; unless a batch is already waiting for its second, sends one now. */
  #pace(jobs) {
    this.paced.push(...jobs);
    if (!this.pacedTimer) this.#sendPaced();
  }

  /** Runs the next RESEND_PER_SECOND jobs that send something, and the rest a second later. */
  #sendPaced() {
    this.pacedTimer = null;
    for (let sent = 0; sent < RESEND_PER_SECOND && this.paced.length;) if (this.paced.shift()()) sent++;
    if (this.paced.length) {
      const socket = this.socket;
      this.pacedTimer = this.timers.setTimeout(() => {
        if (this.socket === socket && this.state === 'open') this.#sendPaced();
      }, 1000);
    }
  }

  async #deliver(item) {
    if (item.file && !item.mediaId) {
      if (item.uploading) return;
      item.uploading = true;
      try {
        item.mediaId = await this.upload(item.file);
      } catch (e) {
        item.uploading = false;
        if (e.status >= 400 && e.status < 500 && e.status !== 429) return this.#fail(item, e.message);
        item.attempts++;
        item.error = e.message;
        this.#emit('outbox', { groupId: item.groupId });
        this.timers.setTimeout(() => this.#deliver(item), backoffDelay(item.attempts, this.backoff, this.random));
        return;
      }
      item.uploading = false;
    }
    if (!this.outbox.get(item.clientMessageId) || item.status === 'failed') return;
    const data = { groupId: item.groupId, clientMessageId: item.clientMessageId };
    if (item.kind === 'text') data.text = item.text;
    else {
      if (item.mediaId) data.mediaId = item.mediaId; else data.url = item.url;
      if (item.caption) data.caption = item.caption;
    }
    if (this.#send(SEND_TYPES[item.kind], data)) {
      item.status = 'sent';
      item.attempts++;
    }
    this.#emit('outbox', { groupId: item.groupId });
  }

  #fail(item, reason) {
    Object.assign(item, { status: 'failed', error: reason });
    this.#emit('outbox', { groupId: item.groupId });
  }

  /** POST /api/media with the token. @returns the mediaId */
  async upload(file) {
    const response = await this.fetchImpl(new URL('/api/media', this.baseUrl), {
      method: 'POST', body: file,
      headers: { 'Authorization': `Bearer ${this.token}`, 'Content-Type': file.type || 'application/octet-stream' },
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      const error = new Error(body.message || `upload refused: HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return (await response.json()).mediaId;
  }

  // ---- unread ----

  unread(groupId) {
    const g = this.groups.get(groupId);
    return g?.member && this.me ? g.log.unreadAfter(g.lastRead ?? g.log.lastSeq, this.me.userId) : 0;
  }

  markRead(groupId) {
    const g = this.groups.get(groupId);
    if (!g || !g.log.size || g.lastRead >= g.log.lastSeq) return;
    g.lastRead = g.log.lastSeq;
    this.storage?.setItem(this.#readKey(groupId), String(g.lastRead));
    this.#emit('groups');
  }

  #readKey(groupId) { return `chorus.read.${this.me?.userId}.${groupId}`; }

  // ---- incoming ----

  #group(id, summary = null) {
    let g = this.groups.get(id);
    if (!g) {
      g = { id, group: summary ?? { id, name: '…', memberCount: 0 }, member: false, members: null,
        log: new MessageLog(), typing: new Map(), lastRead: null };
      const stored = this.storage?.getItem(this.#readKey(id));
      if (stored != null) g.lastRead = Number(stored);
      this.groups.set(id, g);
    } else if (summary) g.group = summary;
    return g;
  }

  #onFrame(raw) {
    let frame;
    try { frame = JSON.parse(raw); } catch { return; }
    const data = frame.data ?? {};
    const handler = this.#handlers[frame.type];
    if (handler) handler.call(this, data);
  }

  /** Groups announced since the directory was last asked for. */
  #announced = new Set();

  #handlers = {
    'SYSTEM:CONNECTED'(data) {
      this.me = { userId: data.userId, displayName: data.displayName };
      this.limits = data.limits ?? null;
      this.attempt = 0;
      this.#setState('open');
      this.#listGroups();
      this.#send('USER:REFRESH_PROFILE'); // the answer resumes every group we are a member of
      this.#pace(this.outbox.toSend().map(item => this.#resending(item)));
    },
    'USER:PROFILE_REFRESHED'(data) {
      const mine = new Set();
      for (const summary of data.groups ?? []) {
        const g = this.#group(summary.id, summary);
        g.member = true;
        mine.add(g.id);
      }
      for (const g of this.groups.values()) if (g.member && !mine.has(g.id)) this.#notMember(g);
      this.#pace(resumeRequests([...this.groups.values()]).map(request => this.#resuming(request.data.groupId)));
      this.#emit('groups');
    },
    'GROUP:RETURN_ALL_GROUPS'(data) {
      const listed = new Set((data.groups ?? []).map(summary => this.#group(summary.id, summary).id));
      // the directory lags creations by a few milliseconds: keep what we are a member of, and what was
      // announced since we asked
      for (const g of [...this.groups.values()]) {
        if (!listed.has(g.id) && !g.member && !this.#announced.has(g.id)) this.groups.delete(g.id);
      }
      this.#emit('groups');
    },
    'GROUP:GROUP_ADDED'(data) {
      this.#announced.add(data.group.id);
      this.#group(data.group.id, data.group);
      this.#emit('groups');
    },
    'GROUP:GROUP_DELETED'(data) {
      this.#announced.delete(data.groupId);
      this.groups.delete(data.groupId);
      this.outbox.removeGroup(data.groupId);
      this.#emit('groups');
      this.#emit('group', { groupId: data.groupId, deleted: true });
    },
    'GROUP:USER_JOINED'(data) {
      const g = this.#group(data.groupId);
      if (data.member.userId === this.me?.userId && !g.member) {
        g.member = true;
        this.#send('GROUP:GET_INIT_DATA', { groupId: g.id });
      }
      if (g.members && !g.members.has(data.member.userId)) {
        g.members.set(data.member.userId, data.member);
        g.group = { ...g.group, memberCount: g.members.size };
      }
      this.#emit('groups');
      this.#emit('group', { groupId: g.id });
    },
    'GROUP:USER_LEFT'(data) {
      const g = this.groups.get(data.groupId);
      if (!g) return;
      if (data.userId === this.me?.userId) this.#notMember(g);
      else if (g.members) {
        g.members.delete(data.userId);
        g.typing.delete(data.userId);
        const owner = data.newOwnerId && g.members.get(data.newOwnerId);
        if (owner) g.members.set(owner.userId, { ...owner, role: 'owner' });
        g.group = { ...g.group, memberCount: g.members.size };
      }
      this.#emit('groups');
      this.#emit('group', { groupId: g.id });
    },
    'GROUP:RETURN_INIT_DATA'(data) {
      const g = this.#group(data.group.id, data.group);
      g.member = true;
      g.members = new Map((data.members ?? []).map(m => [m.userId, m]));
      const added = g.log.applyPage(data.messages ?? [], data.hasMore, 'latest');
      this.#afterMessages(g, added);
      this.#emit('groups');
      this.#emit('group', { groupId: g.id });
    },
    'CHAT:RETURN_INIT_MESSAGES'(data) {
      const g = this.groups.get(data.groupId);
      if (!g) return;
      const kind = this.#pageKinds(g.id).shift() ?? 'after';
      const added = g.log.applyPage(data.messages ?? [], data.hasMore, kind);
      if (kind === 'after' && data.hasMore) this.#resume(g.id);
      this.#afterMessages(g, added);
      this.#emit('messages', { groupId: g.id, added, kind });
    },
    'CHAT:MESSAGE_RETURN_TEXT'(message) { this.#onMessage(message); },
    'CHAT:MESSAGE_RETURN_IMAGE'(message) { this.#onMessage(message); },
    'CHAT:MESSAGE_RETURN_AUDIO'(message) { this.#onMessage(message); },
    'CHAT:MESSAGE_RETURN_GIF'(message) { this.#onMessage(message); },
    'CHAT:USER_STARTED_TYPING'(data) {
      const g = this.groups.get(data.groupId);
      if (!g || data.userId === this.me?.userId) return;
      g.typing.set(data.userId, data.displayName || data.userId);
      this.#emit('typing', { groupId: g.id });
    },
    'CHAT:USER_STOPPED_TYPING'(data) {
      const g = this.groups.get(data.groupId);
      if (g?.typing.delete(data.userId)) this.#emit('typing', { groupId: g.id });
    },
    'SYSTEM:ERROR'(data) {
      if (data.requestType === 'CHAT:GET_INIT_MESSAGES' && data.groupId) this.#pageKinds(data.groupId).shift();
      const resume = data.requestType === 'CHAT:GET_INIT_MESSAGES' || data.requestType === 'GROUP:GET_INIT_DATA';
      if (resume && data.groupId && RETRYABLE.has(data.code)) { // ask again in a second, behind the rest
        const socket = this.socket;
        this.timers.setTimeout(() => { if (this.socket === socket) this.#pace([this.#resuming(data.groupId)]); }, 1000);
      }
      const item = data.clientMessageId && this.outbox.get(data.clientMessageId);
      if (item) {
        if (RETRYABLE.has(data.code)) {
          item.status = 'queued';
          item.error = data.message;
          this.timers.setTimeout(() => this.#deliver(item), backoffDelay(item.attempts, this.backoff, this.random));
          this.#emit('outbox', { groupId: item.groupId });
        } else this.#fail(item, data.message || data.code);
      }
      if ((data.code === 'NOT_MEMBER' || data.code === 'NOT_FOUND') && data.groupId && !data.clientMessageId) {
        const g = this.groups.get(data.groupId);
        if (g && data.requestType !== 'CHAT:START_TYPING') this.#notMember(g);
        if (data.code === 'NOT_FOUND') this.groups.delete(data.groupId);
        this.#emit('groups');
      }
      if (data.requestType !== 'CHAT:START_TYPING') this.#emit('problem', data);
    },
  };

  #onMessage(message) {
    const g = this.#group(message.groupId);
    const added = g.log.add(message) ? [message] : [];
    const confirmed = this.outbox.confirm(message, this.me?.userId);
    if (g.typing.delete(message.sender?.userId)) this.#emit('typing', { groupId: g.id });
    if (g.log.loaded && g.log.hasGap()) this.#resume(g.id); // a message we missed: ask for it
    if (confirmed) this.#emit('outbox', { groupId: g.id });
    this.#afterMessages(g, added);
    this.#emit('messages', { groupId: g.id, added, kind: 'live' });
  }

  #afterMessages(g, added) {
    // a group first seen starts read: only what arrives from now on counts as unread
    if (g.lastRead == null && g.log.loaded) {
      g.lastRead = g.log.lastSeq;
      this.storage?.setItem(this.#readKey(g.id), String(g.lastRead));
    }
    if (g.log.loaded && g.log.hasGap()) this.#resume(g.id);
    if (added.length) this.#emit('groups');
  }

  #notMember(g) {
    g.member = false;
    g.members = null;
    g.typing.clear();
    g.log.clear();
    this.pendingPages.delete(g.id);
  }
}
