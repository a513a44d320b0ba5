'use strict';
// The benchmark peer: the canonical Socket.IO chat server. Rooms are groups; a client joins one with the
// `join` event (acknowledged once joined) and sends with `chat` ({room, text}), which the server emits to
// the whole room, the sender included. Several processes share rooms through the Redis adapter.
//
//   node --expose-gc server.js [port]
//
// Environment: PORT (default 3001; the argument wins; 0 for any free port, logged once listening),
// HOST (default 127.0.0.1), REDIS_URL (default redis://127.0.0.1:6379), and PEER_REDIS=off for a single
// process on Socket.IO's in-memory adapter (the tests' way: no Redis needed).
// GET /stats answers {"heapUsed", "rss", "connections", "gc"}: heap used after a full GC when run with
// --expose-gc ("gc": true), and the resident set, both in bytes.

const http = require('node:http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || process.env.PORT || 3001);
const host = process.env.HOST || '127.0.0.1';
const useRedis = (process.env.PEER_REDIS || 'on') !== 'off';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

function stats() {
  if (typeof global.gc === 'function') {
    global.gc();
  }
  const memory = process.memoryUsage();
  return JSON.stringify({
    heapUsed: memory.heapUsed,
    rss: memory.rss,
    connections: io.engine.clientsCount,
    gc: typeof global.gc === 'function',
  });
}

const httpServer = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(stats());
    return;
  }
  res.writeHead(404);
  res.end();
});

// A request with an Upgrade header never reaches the handler above. The JDK's HttpClient asks to upgrade
// plain-HTTP requests to h2c; such a GET /stats is answered in HTTP/1.1, which leaves the upgrade aside.
// Engine.IO takes the upgrades under /socket.io/ (destroyUpgrade off: it would close the others).
httpServer.on('upgrade', (req, socket) => {
  if (req.url.startsWith('/socket.io/')) {
    return;
  }
  const ok = req.method === 'GET' && req.url === '/stats';
  const body = ok ? stats() : '';
  socket.end(`HTTP/1.1 ${ok ? '200 OK' : '404 Not Found'}\r\ncontent-type: application/json\r\n`
    + `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
});

// WebSocket only: with the long-polling transport too, several processes would need sticky sessions.
const io = new Server(httpServer, { transports: ['websocket'], destroyUpgrade: false });

io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room);
    if (typeof ack === 'function') {
      ack(room);
    }
  });
  socket.on('chat', (message) => {
    if (message && typeof message.room === 'string') {
      io.to(message.room).emit('chat', { room: message.room, text: message.text });
    }
  });
});

let redisClients = [];

async function main() {
  if (useRedis) {
    const { createClient } = require('redis');
    const { createAdapter } = require('@socket.io/redis-adapter');
    const pubClient = createClient({ url: redisUrl });
    const subClient = pubClient.duplicate();
    for (const client of [pubClient, subClient]) {
      client.on('error', (err) => console.error('redis:', err.message));
    }
    await Promise.all([pubClient.connect(), subClient.connect()]);
    redisClients = [pubClient, subClient];
    io.adapter(createAdapter(pubClient, subClient));
  }
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, resolve);
  });
  console.log(`chat server listening on ${host}:${httpServer.address().port} (pid ${process.pid}, adapter ${useRedis ? redisUrl : 'in-memory'})`);
}

let stopping = false;
function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  setTimeout(() => process.exit(0), 5000).unref();
  io.close(() => {
    Promise.allSettled(redisClients.map((client) => client.quit())).then(() => process.exit(0));
  });
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

main().catch((err) => {
  console.error('chat server failed to start:', err);
  process.exit(1);
});
