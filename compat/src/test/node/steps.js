'use strict';
// What the tool scripts share: each step prints one JSON line,
//   {"step":"connect","ok":true,"value":...} or {"step":"sync","ok":false,"error":"...","sqlstate":"42P01","sql":"..."}
// and a failed step stops the script unless the step is marked independent.

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function failure(step, err) {
  const e = err && (err.original || err.parent || err.driverError) ? (err.original || err.parent || err.driverError) : err;
  return {
    step,
    ok: false,
    error: String((err && err.message) || err),
    sqlstate: e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : null,
    sql: (err && (err.sql || err.query)) || (e && (e.sql || e.query)) || null,
  };
}

// Runs [name, fn, {independent}] steps in order (defaults: options for steps without their own);
// fn's result is the step's value.
async function runSteps(steps, defaults) {
  for (const [name, fn, own] of steps) {
    const opts = own || defaults;
    try {
      const value = await fn();
      emit({ step: name, ok: true, value: value === undefined ? null : value });
    } catch (err) {
      emit(failure(name, err));
      if (!(opts && opts.independent)) return false;
    }
  }
  return true;
}

// Runs the script's body and exits when it is done: a tool whose connection failed may keep a
// pool or timer alive that would otherwise hold the process open.
function main(fn) {
  fn(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => { process.stderr.write(String((err && err.stack) || err) + '\n'); process.exit(1); },
  );
}

module.exports = { emit, runSteps, main };
