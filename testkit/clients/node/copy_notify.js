// COPY and LISTEN/NOTIFY through node-postgres and pg-copy-streams; prints one JSON line per step.
// usage: node copy_notify.js URI
const { Client } = require('pg');
const { from: copyFrom, to: copyTo } = require('pg-copy-streams');
const { pipeline } = require('stream/promises');
const { Readable, Writable } = require('stream');

function emit(o) {
  process.stdout.write(JSON.stringify(o) + '\n');
}

async function main(uri) {
  const c = new Client({ connectionString: uri });
  const other = new Client({ connectionString: uri });
  await c.connect();
  await other.connect();
  try {
    await c.query('DROP TABLE IF EXISTS node_copy');
    await c.query('CREATE TABLE node_copy (id int, name text)');
    const input = c.query(copyFrom('COPY node_copy FROM STDIN WITH (FORMAT csv)'));
    await pipeline(Readable.from(['1,one\n2,', '\n3,"x, y"\n']), input);
    emit({ step: 'copy from', ok: true, value: input.rowCount });
    const chunks = [];
    const output = c.query(copyTo('COPY (SELECT * FROM node_copy ORDER BY id) TO STDOUT'));
    await pipeline(output, new Writable({ write(chunk, enc, cb) { chunks.push(chunk); cb(); } }));
    emit({ step: 'copy to', ok: true, value: Buffer.concat(chunks).toString() });
    try {
      const bad = c.query(copyFrom('COPY node_copy FROM STDIN'));
      await pipeline(Readable.from(['4\tfour\nfive\t5\n']), bad);
    } catch (e) {
      emit({ step: 'bad row', ok: false, sqlstate: e.code, where: e.where });
    }
    const got = new Promise((resolve) => c.on('notification', (n) => resolve([n.channel, n.payload])));
    await c.query('LISTEN node_chan');
    await other.query("NOTIFY node_chan, 'from node'");
    emit({ step: 'notification', ok: true, value: await got });
  } finally {
    await c.end();
    await other.end();
  }
}

main(process.argv[2]).catch((e) => {
  console.error(e);
  process.exit(1);
});
