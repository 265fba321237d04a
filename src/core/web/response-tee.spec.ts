import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { teeResponseBody } from './response-tee';

/** Serves one request with `respond`, teed; answers what the tee saw and what the client got. */
async function served(
  respond: (res: ServerResponse) => void,
  accept?: () => boolean,
): Promise<{ teed: Buffer | undefined; received: string }> {
  let teed: Buffer | undefined;
  const server = createServer((_req, res) => {
    teeResponseBody(res, (body) => (teed = body), accept);
    respond(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const received = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    return { teed, received };
  } finally {
    server.close();
  }
}

describe('teeResponseBody', () => {
  it('hands over every chunk, strings in their encoding and bytes, as the client gets them', async () => {
    const { teed, received } = await served((res) => {
      res.write('caf\u00e9 ');
      res.write(Buffer.from('6279746573', 'hex'));
      res.write('20', 'hex');
      res.end('end');
    });
    assert.equal(received, 'café bytes end');
    assert.equal(teed?.toString('utf8'), received);
  });

  it('hands over nothing when a chunk was written while accept() said no', async () => {
    let open = false;
    const { teed, received } = await served(
      (res) => {
        res.write('early ');
        open = true;
        res.end('late');
      },
      () => open,
    );
    assert.equal(received, 'early late');
    assert.equal(teed, undefined);
  });
});
