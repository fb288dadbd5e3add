#!/usr/bin/env node
// B7 of the Benchmarks issue: a fresh device's initial sync of the same records, Kompetens (the SDK from
// the Kompetens server) against PouchDB replicating from express-pouchdb, in interleaved rounds. Run by
// ops/bench/peer_bench.cpp (kompetens-bench-peer), which starts the Kompetens server and writes the
// documents; see BENCHMARKS.md.
//
// Roles, each its own process so that no peer shares an event loop with another:
//   driver        (default) one byte-counting TCP proxy per server, the rounds, the table;
//   --pouch-server  express-pouchdb (LevelDB on disk) loaded with the documents;
//   --pouch-client  a fresh PouchDB (LevelDB on disk) replicating once from the server.
// The Kompetens side is kompetens-bench-peer-client (SQLite on disk). Both clients load their code, say
// they are ready, and start when the driver says go, so the figures hold the sync alone; bytes are both
// directions on the wire, HTTP headers included, counted by the same proxy code for both.
'use strict';
const net = require('net');
const path = require('path');
const fs = require('fs');
const readline = require('readline');
const { spawn } = require('child_process');

function args() {
  const a = {};
  for (let i = 2; i < process.argv.length; ++i) {
    const k = process.argv[i];
    if (!k.startsWith('--')) continue;
    const next = process.argv[i + 1];
    if (next === undefined || next.startsWith('--')) a[k.slice(2)] = true;
    else a[k.slice(2)] = process.argv[++i];
  }
  return a;
}

function lines(stream, onLine) {
  readline.createInterface({ input: stream }).on('line', onLine);
}

async function pouchServer(a) {
  const PouchDB = require('pouchdb');
  const express = require('express');
  const prefix = path.join(a.work, 'pouch-server') + path.sep;
  fs.mkdirSync(prefix, { recursive: true });
  const ServerPouch = PouchDB.defaults({ prefix });
  const db = new ServerPouch('records');
  const docs = JSON.parse(fs.readFileSync(a.docs, 'utf8'));
  for (let i = 0; i < docs.length; i += 500) await db.bulkDocs(docs.slice(i, i + 500));
  const app = express();
  app.use('/', require('express-pouchdb')(ServerPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }));
  const srv = app.listen(0, '127.0.0.1', () => console.log(`listening ${srv.address().port}`));
}

async function pouchClient(a) {
  const PouchDB = require('pouchdb');
  const local = new PouchDB(a.local);
  const remote = new PouchDB(a.remote);
  console.log('ready');
  await new Promise((resolve) => lines(process.stdin, resolve));
  const t0 = process.hrtime.bigint();
  const result = await local.replicate.from(remote); // PouchDB's defaults, as an app would call it
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const info = await local.info();
  console.log(`synced ${info.doc_count} ${ms} ${result.docs_written}`);
  process.exit(result.ok ? 0 : 1);
}

/** A TCP proxy on a free port of 127.0.0.1 to `port`, counting the bytes it carries both ways. */
function countingProxy(port) {
  const counted = { bytes: 0 };
  const server = net.createServer((down) => {
    const up = net.connect(port, '127.0.0.1');
    down.on('data', (d) => { counted.bytes += d.length; up.write(d); });
    up.on('data', (d) => { counted.bytes += d.length; down.write(d); });
    down.on('end', () => up.end());
    up.on('end', () => down.end());
    down.on('error', () => up.destroy());
    up.on('error', () => down.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, counted, server })));
}

/** Runs a client that says `ready`/`signed-in`, is told `go`, and ends with `synced ROWS MS …`. */
function runClient(cmd, argv, stdinFirst, proxy) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
    let start = 0, result = null;
    lines(child.stdout, (line) => {
      if (line === 'ready' || line === 'signed-in') {
        start = proxy.counted.bytes;
        child.stdin.write('go\n');
      } else if (line.startsWith('synced ')) {
        const [, rows, ms] = line.split(' ');
        result = { rows: Number(rows), ms: Number(ms), bytes: proxy.counted.bytes - start };
      }
    });
    child.on('exit', (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`${path.basename(cmd)} exited with ${code}`));
    });
    if (stdinFirst !== null) child.stdin.write(stdinFirst + '\n');
  });
}

function median(v) {
  const s = [...v].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

async function driver(a) {
  const rounds = Number(a.rounds || 3);
  const docs = JSON.parse(fs.readFileSync(a.docs, 'utf8')).length;
  const pouch = spawn(process.execPath, [__filename, '--pouch-server', '--work', a.work, '--docs', a.docs],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const pouchPort = await new Promise((resolve, reject) => {
    lines(pouch.stdout, (l) => { if (l.startsWith('listening ')) resolve(Number(l.split(' ')[1])); });
    pouch.on('exit', (code) => reject(new Error(`express-pouchdb exited with ${code}`)));
  });
  const kompetensPort = Number(new URL(a.kompetens).port);
  const kProxy = await countingProxy(kompetensPort);
  const pProxy = await countingProxy(pouchPort);
  const ours = [], theirs = [];
  try {
    for (let r = 0; r < rounds; ++r) {
      ours.push(await runClient(a.client, ['--server', `http://127.0.0.1:${kProxy.port}`, '--data-dir',
        path.join(a.work, `kompetens-${r}`), '--user', a.user], process.env.KOMPETENS_BENCH_PASSWORD, kProxy));
      theirs.push(await runClient(process.execPath, [__filename, '--pouch-client', '--local',
        path.join(a.work, `pouch-client-${r}`), '--remote', `http://127.0.0.1:${pProxy.port}/records`], null, pProxy));
      if (theirs[r].rows !== docs) throw new Error(`PouchDB holds ${theirs[r].rows} of ${docs} documents`);
    }
  } finally {
    pouch.kill();
    kProxy.server.close();
    pProxy.server.close();
  }
  const row = (who, v, base) => {
    const ms = median(v.map((x) => x.ms)), bytes = median(v.map((x) => x.bytes));
    const bms = median(base.map((x) => x.ms)), bbytes = median(base.map((x) => x.bytes));
    return `| ${who} | ${v[0].rows} | ${ms.toFixed(0)} | ${bytes} | ${(bms / ms).toFixed(2)} | ` +
      `${(bytes / bbytes).toFixed(2)} |`;
  };
  console.log('| client ← server | rows | wall ms (median) | bytes on the wire (median) | speed vs PouchDB | ' +
    'bytes vs PouchDB |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(row('Kompetens SDK ← kompetens-server', ours, theirs));
  console.log(row('PouchDB 9 ← express-pouchdb 4', theirs, theirs));
  console.log(`rounds: Kompetens ${ours.map((x) => x.ms.toFixed(0)).join(' ')} ms; ` +
    `PouchDB ${theirs.map((x) => x.ms.toFixed(0)).join(' ')} ms`);
  console.log('target: at least 3x faster and at most 0.5 of the bytes');
  process.exit(0);
}

const a = args();
const role = a['pouch-server'] ? pouchServer : a['pouch-client'] ? pouchClient : driver;
role(a).catch((e) => { console.error(`b7_peer: ${e.stack || e}`); process.exit(1); });
