import { createServer, type Server } from 'node:http';

/**
 * The error rate a `web` metric reads, served on 127.0.0.1: `/bad` answers `{"value": 0.5}`,
 * anything else `{"value": 0}`. Returns its base URL and a function that closes it.
 */
export async function startMetricServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ value: request.url?.startsWith('/bad') ? 0.5 : 0 }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the metric server has no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
