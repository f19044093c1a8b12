// The bench's upper limit: a plain node:http server writing one page's HTML from memory.
//   node --import tsx scripts/bench/raw-server.ts <html-file>   (listens on a free port, sent to the parent)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const [file] = process.argv.slice(2);
const body = readFileSync(file!);
const headers = ['content-type', 'text/html; charset=utf-8', 'content-length', String(body.length)];
const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
