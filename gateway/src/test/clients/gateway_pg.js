// node-postgres through the gateway: named queries (prepared once per connection by the driver)
// on more connections than the pool has, concurrently. Prints {"ok":true,"checked":N} or {"ok":false,...}.
const { Client } = require('pg');

async function worker(conn, w, rounds) {
  const client = new Client({ connectionString: conn });
  await client.connect();
  let checked = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      const a = await client.query({ name: 'add', text: 'SELECT $1::int + $2::int AS v', values: [r, w] });
      if (a.rows[0].v !== r + w) throw new Error('add: ' + JSON.stringify(a.rows));
      const b = await client.query({ name: 'echo', text: 'SELECT $1::text AS t', values: ['n' + r] });
      if (b.rows[0].t !== 'n' + r) throw new Error('echo: ' + JSON.stringify(b.rows));
      const c = await client.query('SELECT $1::int * 2 AS d', [r]); // unnamed statement
      if (c.rows[0].d !== r * 2) throw new Error('unnamed: ' + JSON.stringify(c.rows));
      checked += 3;
    }
  } finally {
    await client.end();
  }
  return checked;
}

(async () => {
  const [conn, connections, rounds] = [process.argv[2], +process.argv[3], +process.argv[4]];
  try {
    const all = await Promise.all(Array.from({ length: connections }, (_, w) => worker(conn, w, rounds)));
    console.log(JSON.stringify({ ok: true, checked: all.reduce((x, y) => x + y, 0) }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: String(e), sqlstate: e.code || null }));
    process.exit(1);
  }
})();
