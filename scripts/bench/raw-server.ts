// The bench's upper limit: a plain node:http server writing one page's HTML from memory.
//   node --import tsx scripts/bench/raw-server.ts <html-file> <port>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, port] = process.argv.slice(2);
const body = readFileSync(file!);
const headers = ['content-type', 'text/html; charset=utf-8', 'content-length', String(body.length)];
createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
