/**
 * Preloaded (`node --import`) into one untimed child per bundle: records and blocks any attempt to
 * reach the network while the bundle is imported, and reports it on stderr when the process exits.
 */
import dns from 'node:dns';
import net from 'node:net';

const attempts = [];
const blocked = (what) => {
  attempts.push(what);
  return new Error(`bench: network access blocked during import (${what})`);
};
const target = (args) => {
  // net.createConnection passes its normalised [options, callback] pair as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') return `${first.host ?? first.path ?? '?'}:${first.port ?? ''}`;
  return `${args[1] ?? 'localhost'}:${first}`;
};

// The socket fails asynchronously, as a refused connection would, so the import carries on and
// every later attempt is recorded too.
net.Socket.prototype.connect = function connect(...args) {
  const error = blocked(`socket connect ${target(args)}`);
  process.nextTick(() => this.destroy(error));
  return this;
};
dns.lookup = (host, ...rest) => {
  const callback = rest.at(-1);
  const error = blocked(`dns lookup ${host}`);
  if (typeof callback === 'function') process.nextTick(() => callback(error));
  else throw error;
};
dns.promises.lookup = async (host) => {
  throw blocked(`dns lookup ${host}`);
};
globalThis.fetch = async (input) => {
  throw blocked(`fetch ${String(input)}`);
};

process.on('exit', () => {
  process.stderr.write(`\nBENCH_NET ${JSON.stringify(attempts)}\n`);
});
