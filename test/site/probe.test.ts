import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/engine/errors.js';
import { probeUrl } from '../../src/site/probe.js';
import { redirect, startSiteServer } from '../helpers/http-server.js';
import type { SiteServer } from '../helpers/http-server.js';

let server: SiteServer;
let merchantBodyBytesSent = 0;

beforeAll(async () => {
  server = await startSiteServer({
    // network click domain → tracking hop → merchant landing page (which sets the affiliate cookie)
    'click.network.test': redirect('https://track.network.test/t?id=9', { cookies: ['nid=abc; Domain=.network.test; Max-Age=2592000'] }),
    'track.network.test': redirect('https://www.merchant.test/?affid=123', { status: 301 }),
    'www.merchant.test': (_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': ['aff_id=123; Path=/; Max-Age=2592000', 'sess=1'] });
      // A huge merchant page: the probe must not read it.
      const chunk = Buffer.alloc(64 * 1024, 'm');
      const pump = (): void => {
        while (!res.destroyed && merchantBodyBytesSent < 200 * 1024 * 1024) {
          merchantBodyBytesSent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
    },
    'pixel.test': { status: 200, headers: { 'content-type': 'image/gif', 'set-cookie': 'px=1' }, body: Buffer.alloc(43) },
    'to-metadata.test': redirect('http://169.254.169.254/latest/meta-data/'),
    'loop.test': redirect('/'),
  });
});

afterAll(async () => {
  await server.close();
});

const via = (): { dispatcher: SiteServer['dispatcher'] } => ({ dispatcher: server.dispatcher });

describe('probeUrl', () => {
  it('follows a network chain to the merchant and records every cookie, without reading the merchant body', async () => {
    const result = await probeUrl('https://click.network.test/c?a=1', { ...via(), merchantDomains: ['merchant.test'] });
    expect(result.failure).toBeNull();
    expect(result.reachedMerchant).toBe('merchant.test');
    expect(result.reachedMerchantUrl).toBe('https://www.merchant.test/?affid=123');
    expect(result.hops.map((h) => [h.url, h.status])).toEqual([
      ['https://click.network.test/c?a=1', 302],
      ['https://track.network.test/t?id=9', 301],
      ['https://www.merchant.test/?affid=123', 200],
    ]);
    expect(result.affiliateCookies.map((c) => [c.name, c.setBy, c.domain])).toEqual([
      ['nid', 'click.network.test', '.network.test'],
      ['aff_id', 'www.merchant.test', null],
      ['sess', 'www.merchant.test', null],
    ]);
    // The merchant handler would send 200 MB; destroying the body stops it far earlier.
    expect(merchantBodyBytesSent).toBeLessThan(50 * 1024 * 1024);
  });

  it('accepts merchant domains as URLs and with a leading dot', async () => {
    const result = await probeUrl('https://click.network.test/', { ...via(), merchantDomains: ['https://merchant.test/shop', '.other.test'] });
    expect(result.reachedMerchant).toBe('merchant.test');
  });

  it('stops at a non-redirect when no merchant is reached (a pixel that drops a cookie)', async () => {
    const result = await probeUrl('https://pixel.test/p.gif', { ...via(), merchantDomains: ['merchant.test'] });
    expect(result.reachedMerchant).toBeNull();
    expect(result.hops).toHaveLength(1);
    expect(result.affiliateCookies.map((c) => c.name)).toEqual(['px']);
    expect(result.failure).toBeNull();
  });

  it('guards every hop', async () => {
    const result = await probeUrl('https://to-metadata.test/', { ...via(), merchantDomains: ['merchant.test'] });
    expect(result.failure).toMatchObject({ code: 'refused', reason: 'private-address', url: 'http://169.254.169.254/latest/meta-data/' });
    expect(result.hops).toHaveLength(1);
    const direct = await probeUrl('http://[::ffff:127.0.0.1]/', via());
    expect(direct.failure?.code).toBe('refused');
    expect(direct.hops).toHaveLength(0);
  });

  it('reports loops and redirect limits', async () => {
    expect((await probeUrl('https://loop.test/', via())).failure?.code).toBe('redirect-loop');
    const limited = await probeUrl('https://click.network.test/', { ...via(), merchantDomains: ['merchant.test'], limits: { maxRedirects: 1 } });
    expect(limited.failure?.code).toBe('too-many-redirects');
    expect(limited.reachedMerchant).toBeNull();
  });

  it('throws InputError for malformed merchant domains', async () => {
    await expect(probeUrl('https://pixel.test/', { merchantDomains: [''] })).rejects.toBeInstanceOf(InputError);
    await expect(probeUrl('https://pixel.test/', { merchantDomains: 'merchant.test' as unknown as string[] })).rejects.toBeInstanceOf(InputError);
  });
});
