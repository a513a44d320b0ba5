// The Chorus page: everything it knows comes from chorus-client; this file only draws and listens.
import { ChorusClient, devToken } from './chorus-client.js';

const SESSION_KEY = 'chorus.session';
const $ = id => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) if (child != null) node.append(child);
  return node;
};

let client = null;
let currentId = null;
let attachment = null; // {file, kind, previewUrl}
let toastTimer = null;
let stuck = true; // scrolled to the bottom: new messages and late-loading pictures keep it there
let awaitingCreate = null; // the name of a group we asked for, to open when it arrives
const rendered = new Map(); // message key -> <li>, so images and audio players survive re-renders

// ---- sign in ----

function showSignIn(error = '') {
  $('app').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = error;
  $('signin-name').focus();
}

function userIdFor(name) {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'user';
}

$('signin-form').addEventListener('submit', async event => {
  event.preventDefault();
  const name = $('signin-name').value.trim();
  try {
    start(await devToken(location.origin, userIdFor(name), name));
  } catch (e) {
    showSignIn(`Could not sign in: ${e.message}. Dev sign-in needs dev auth on; paste a token instead.`);
  }
});

$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  start($('signin-token').value.trim());
});

$('signout').addEventListener('click', () => {
  localStorage.removeItem(SESSION_KEY);
  client?.close();
  client = null;
  currentId = null;
  history.replaceState(null, '', location.pathname);
  showSignIn();
});

function start(token) {
  localStorage.setItem(SESSION_KEY, JSON.stringify({ token }));
  $('signin').hidden = true;
  $('app').hidden = false;
  client = new ChorusClient({ baseUrl: location.origin, token, storage: localStorage });
  client.addEventListener('state', event => renderConnection(event.detail));
  client.addEventListener('groups', renderGroups);
  client.addEventListener('group', event => {
    if (event.detail.groupId !== currentId) return;
    if (event.detail.deleted || !client.groups.get(currentId)?.member) return openGroup(null);
    renderChat();
  });
  client.addEventListener('messages', event => { if (event.detail.groupId === currentId) renderMessages(event.detail.kind); });
  client.addEventListener('outbox', event => { if (event.detail.groupId === currentId) renderMessages('outbox'); });
  client.addEventListener('typing', event => { if (event.detail.groupId === currentId) renderTyping(); });
  client.addEventListener('problem', event => toast(event.detail.message || event.detail.code));
  client.connect();
  currentId = decodeURIComponent(location.hash.slice(1)) || null;
  renderGroups();
  renderChat();
}

addEventListener('online', () => client?.reconnectNow());

// ---- connection and groups ----

function renderConnection({ state, retryInMs }) {
  const text = {
    idle: 'Not connected', connecting: 'Connecting…', open: 'Connected', closed: 'Signed out',
    waiting: `Offline, reconnecting in ${Math.ceil(retryInMs / 1000)} s`,
  }[state];
  $('connection').textContent = text;
  $('connection').dataset.state = state;
  $('whoami').textContent = client.me ? `Signed in as ${client.me.displayName}` : '';
  for (const button of document.querySelectorAll('[data-needs-connection]')) button.disabled = state !== 'open';
  if (state === 'open' && currentId) client.openGroup(currentId);
}

function renderGroups() {
  const created = awaitingCreate && [...client.groups.values()].find(g =>
    g.member && g.group.name === awaitingCreate && g.group.createdBy === client.me?.userId);
  if (created) { awaitingCreate = null; return openGroup(created.id, true); }
  const all = [...client.groups.values()].sort((a, b) => a.group.name.localeCompare(b.group.name));
  const mine = all.filter(g => g.member);
  const others = all.filter(g => !g.member);
  let totalUnread = 0;
  $('my-groups').replaceChildren(...mine.map(g => {
    const unread = client.unread(g.id);
    totalUnread += unread;
    const button = el('button', { type: 'button', className: 'open' },
      el('span', { className: 'name', textContent: g.group.name }),
      unread ? el('span', { className: 'badge', textContent: String(unread) }) : null);
    button.setAttribute('aria-label', unread ? `${g.group.name}, ${unread} unread` : g.group.name);
    if (g.id === currentId) button.setAttribute('aria-current', 'true');
    button.dataset.groupId = g.id;
    button.addEventListener('click', () => openGroup(g.id, true));
    return el('li', {}, button);
  }));
  if (!mine.length) $('my-groups').append(el('li', { className: 'empty-note', textContent: 'None yet.' }));
  $('other-groups').replaceChildren(...others.map(g => {
    const join = el('button', { type: 'button', className: 'quiet', textContent: 'Join' });
    join.setAttribute('aria-label', `Join ${g.group.name}`);
    join.dataset.needsConnection = '';
    join.addEventListener('click', () => { client.joinGroup(g.id); currentId = g.id; location.hash = g.id; });
    return el('li', {}, el('span', { className: 'other', textContent: g.group.name }), join);
  }));
  if (!others.length) $('other-groups').append(el('li', { className: 'empty-note', textContent: 'None.' }));
  document.title = totalUnread ? `(${totalUnread}) Chorus` : 'Chorus';
  if (currentId && client.groups.get(currentId)?.member && $('chat-body').hidden) renderChat();
}

$('create-form').addEventListener('submit', event => {
  event.preventDefault();
  const name = $('create-name').value.trim();
  if (client.createGroup(name)) { awaitingCreate = name; $('create-name').value = ''; }
  else toast('Not connected: try again in a moment.');
});

// ---- chat ----

function openGroup(groupId, focus = false) {
  if (currentId && currentId !== groupId) client.stopTyping(currentId);
  currentId = groupId;
  history.replaceState(null, '', groupId ? `#${encodeURIComponent(groupId)}` : location.pathname);
  clearAttachment();
  rendered.clear();
  $('messages').replaceChildren();
  if (groupId) client.openGroup(groupId);
  renderGroups();
  renderChat();
  if (focus && groupId) $('chat-title').focus();
  if (!groupId) document.querySelector('#my-groups button')?.focus();
}

$('back').addEventListener('click', () => openGroup(null));

function renderChat() {
  const g = currentId && client.groups.get(currentId);
  const open = Boolean(g?.member);
  $('app').dataset.view = open ? 'chat' : 'list';
  $('chat-empty').hidden = open;
  $('chat-body').hidden = !open;
  if (!open) return;
  $('chat-title').textContent = g.group.name;
  const mine = g.members?.get(client.me?.userId);
  $('delete').hidden = mine?.role !== 'owner';
  const members = g.members ? [...g.members.values()] : [];
  $('members-toggle').textContent = `Members (${members.length || g.group.memberCount || 0})`;
  $('member-list').replaceChildren(...members.map(m => el('li', {},
    el('span', { textContent: m.displayName + (m.userId === client.me?.userId ? ' (you)' : '') }), ' ',
    m.role === 'owner' ? el('span', { className: 'role', textContent: 'owner' }) : null)));
  renderMessages('open');
  renderTyping();
}

$('members-toggle').addEventListener('click', () => {
  const show = $('members').hidden;
  $('members').hidden = !show;
  $('members-toggle').setAttribute('aria-expanded', String(show));
});
document.addEventListener('keydown', event => {
  if (event.key === 'Escape' && !$('members').hidden) $('members-toggle').click();
});

$('leave').addEventListener('click', () => {
  const g = client.groups.get(currentId);
  if (g && confirm(`Leave ${g.group.name}?`)) client.leaveGroup(currentId);
});
$('delete').addEventListener('click', () => {
  const g = client.groups.get(currentId);
  if (g && confirm(`Delete ${g.group.name} and its history for everyone?`)) client.deleteGroup(currentId);
});

function nearBottom() {
  const s = $('scroller');
  return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

function renderMessages(why) {
  const g = client.groups.get(currentId);
  if (!g?.member) return;
  const scroller = $('scroller');
  const stick = why === 'open' || stuck || nearBottom();
  const fromBottom = scroller.scrollHeight - scroller.scrollTop;
  const list = $('messages');
  const wanted = [
    ...g.log.messages().map(m => ['s' + m.seq, () => messageItem(m)]),
    ...client.outbox.forGroup(currentId).map(item => [`p${item.clientMessageId}:${item.status}:${item.error}`, () => pendingItem(item)]),
  ];
  const keep = new Set(wanted.map(([key]) => key));
  for (const [key, node] of rendered) if (!keep.has(key)) { node.remove(); rendered.delete(key); }
  wanted.forEach(([key, make], index) => {
    let node = rendered.get(key);
    if (!node) rendered.set(key, node = make());
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] ?? null);
  });
  $('older').hidden = !(g.log.size && g.log.hasMoreBefore);
  if (why === 'before') scroller.scrollTop = scroller.scrollHeight - fromBottom;
  else if (stick) scroller.scrollTop = scroller.scrollHeight;
  stuck = nearBottom();
  markReadIfSeen();
}

function messageItem(m) {
  const mine = m.sender?.userId === client.me?.userId;
  const item = el('li', { className: 'msg' + (mine ? ' mine' : '') });
  item.dataset.seq = m.seq;
  if (m.clientMessageId) item.dataset.clientMessageId = m.clientMessageId;
  item.append(meta(m.sender?.displayName ?? m.sender?.userId, m.sentAt), ...body(m.kind, m.media?.url, m.text, m.sender?.displayName, m.media));
  return item;
}

function pendingItem(p) {
  const item = el('li', { className: 'msg mine pending' + (p.status === 'failed' ? ' failed' : '') });
  item.dataset.clientMessageId = p.clientMessageId;
  item.dataset.pending = p.status;
  const status = p.status === 'failed' ? `Not sent: ${p.error}`
    : client.state === 'open' ? (p.error ? `Retrying (${p.error})` : 'Sending…') : 'Waiting for the connection…';
  item.append(meta(client.me?.displayName ?? 'You', p.createdAt),
    ...body(p.kind, p.previewUrl, p.kind === 'text' ? p.text : p.caption, 'you'), el('span', { className: 'status', textContent: status }));
  if (p.status === 'failed') {
    item.append(' ', el('button', { type: 'button', className: 'quiet', textContent: 'Retry', onclick: () => client.retry(p.clientMessageId) }),
      el('button', { type: 'button', className: 'quiet', textContent: 'Discard', onclick: () => client.discard(p.clientMessageId) }));
  }
  return item;
}

function meta(who, at) {
  const time = at ? new Date(at) : null;
  return el('div', { className: 'meta' }, el('span', { className: 'who', textContent: who }),
    time ? el('time', { dateTime: at, textContent: time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) }) : null);
}

function body(kind, url, text, who, media = null) {
  const parts = [];
  if (kind === 'image' || kind === 'gif') {
    const img = el('img', { src: url ?? '', alt: text || `${kind === 'gif' ? 'GIF' : 'Image'} from ${who}`, loading: 'lazy', decoding: 'async' });
    if (media?.width && media?.height) Object.assign(img, { width: media.width, height: media.height }); // no jump on load
    parts.push(img);
  } else if (kind === 'audio') {
    const audio = el('audio', { src: url ?? '', controls: true, preload: 'metadata' });
    audio.setAttribute('aria-label', `Audio from ${who}`);
    parts.push(audio);
  }
  if (text) parts.push(el('div', { className: 'body', textContent: text }));
  return parts;
}

function renderTyping() {
  const names = [...(client.groups.get(currentId)?.typing.values() ?? [])];
  $('typing').textContent = !names.length ? ''
    : names.length === 1 ? `${names[0]} is typing…`
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

function markReadIfSeen() {
  if (currentId && document.visibilityState === 'visible' && nearBottom()) client.markRead(currentId);
}

$('scroller').addEventListener('scroll', () => {
  stuck = nearBottom();
  if ($('scroller').scrollTop < 40) client.loadOlder(currentId);
  markReadIfSeen();
}, { passive: true });
$('messages').addEventListener('load', () => {
  if (stuck) $('scroller').scrollTop = $('scroller').scrollHeight;
  markReadIfSeen();
}, true);
$('older').addEventListener('click', () => client.loadOlder(currentId));
document.addEventListener('visibilitychange', markReadIfSeen);

// ---- composing ----

$('text').addEventListener('input', () => {
  if ($('text').value.trim()) client.typing(currentId); else client.stopTyping(currentId);
});
$('text').addEventListener('blur', () => client?.stopTyping(currentId));

$('composer').addEventListener('submit', event => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (attachment) {
    client.sendMedia(currentId, attachment.kind, { file: attachment.file, caption: text, previewUrl: attachment.previewUrl });
    attachment = null;
    clearAttachment(false);
  } else if (text) {
    client.sendText(currentId, text);
  } else return;
  $('text').value = '';
  $('text').focus();
  renderMessages('open');
});

$('file').addEventListener('change', () => {
  const file = $('file').files[0];
  $('file').value = '';
  if (!file) return;
  const max = client.limits?.maxMediaBytes;
  if (max && file.size > max) return toast(`That file is over the ${Math.round(max / 1048576)} MB limit.`);
  const kind = file.type.startsWith('audio/') ? 'audio' : 'image';
  clearAttachment();
  attachment = { file, kind, previewUrl: URL.createObjectURL(file) };
  const preview = kind === 'image'
    ? el('img', { src: attachment.previewUrl, alt: `Preview of ${file.name}` })
    : el('audio', { src: attachment.previewUrl, controls: true });
  if (kind === 'audio') preview.setAttribute('aria-label', `Preview of ${file.name}`);
  $('attachment-preview').replaceChildren(preview, el('span', { className: 'sr-only', textContent: file.name }));
  $('attachment').hidden = false;
  $('text').placeholder = 'Caption (optional)';
  $('text').focus();
});

function clearAttachment(revoke = true) {
  if (revoke && attachment) URL.revokeObjectURL(attachment.previewUrl);
  attachment = null;
  $('attachment').hidden = true;
  $('attachment-preview').replaceChildren();
  $('text').placeholder = 'Message';
}
$('attachment-remove').addEventListener('click', () => { clearAttachment(); $('text').focus(); });

$('gif').addEventListener('click', () => { $('gif-url').value = ''; $('gif-dialog').showModal(); });
$('gif-cancel').addEventListener('click', () => $('gif-dialog').close());
$('gif-dialog').addEventListener('close', () => {
  if ($('gif-dialog').returnValue === 'send' && $('gif-url').value) {
    client.sendMedia(currentId, 'gif', { url: $('gif-url').value });
    renderMessages('open');
  }
  $('gif-dialog').returnValue = '';
  $('text').focus();
});

function toast(message) {
  $('toast').textContent = message;
  $('toast').hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $('toast').hidden = true; }, 4000);
}

// ---- start ----

const saved = JSON.parse(localStorage.getItem(SESSION_KEY) || 'null');
if (saved?.token) start(saved.token); else showSignIn();
