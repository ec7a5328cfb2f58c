import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpSource } from '../../src/signals/ip/data.js';
import { updateDatasets } from '../../src/signals/ip/update.js';
import { createIpClassifier } from '../../src/signals/ip.js';
import { HAVE_SNAPSHOTS, SNAPSHOT_DIR } from './ip-snapshots.js';

let server: Server;
let base = '';
let dir = '';
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-datasets-'));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/snap/')) {
      const file = new URL(path.slice('/snap/'.length), SNAPSHOT_DIR);
      if (existsSync(file)) res.writeHead(200, { 'content-type': 'text/plain' }).end(readFileSync(file));
      else res.writeHead(404).end();
    } else if (path === '/fail') {
      res.writeHead(503).end('maintenance');
    } else if (path === '/hang') {
      // Headers never come: the client's timeout has to end this one.
      hanging.add(res);
    } else if (path === '/garbage') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Sign in</title><p>Please log in</p>');
    } else if (path === '/big') {
      res.writeHead(200);
      res.end(Buffer.alloc(2 * 1024 * 1024, 'a'));
    } else if (path === '/azure-page') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<a href="${base}/download/ServiceTags_Public_20260622.json">Download</a>`);
    } else if (path === '/download/ServiceTags_Public_20260622.json') {
      res.writeHead(200).end(readFileSync(new URL('../fixtures/ip/azure-service-tags.json', import.meta.url)));
    } else if (path === '/redirect') {
      res.writeHead(302, { location: '/snap/cloud/cloudflare-ips-v4.txt' }).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const source = (id: string, path: string, extra: Partial<IpSource> = {}): IpSource => ({
  id,
  url: `${base}${path}`,
  format: 'cidr-list',
  network: 'hosting',
  name: id,
  file: `${id}.txt`,
  ...extra,
});

describe.skipIf(!HAVE_SNAPSHOTS)('updateDatasets against a local server', () => {
  it('updates good sources and reports each bad one while the others still update', async () => {
    const sources = [
      source('aws', '/snap/cloud/aws-ip-ranges.json', { format: 'aws-json', name: 'AWS', file: 'aws.json' }),
      source('googlebot', '/snap/crawlers/googlebot.json', { format: 'google-json', network: 'crawler', name: 'Googlebot', file: 'googlebot.json' }),
      source('tor-exits', '/snap/anonymizers/tor-exit-relays.csv', { format: 'tor-onionoo-csv', network: 'tor', name: 'Tor' }),
      source('azure', '/azure-page', { format: 'azure-service-tags', name: 'Azure', file: 'azure.json', resolve: 'azure-download-page' }),
      source('cloudflare-ipv4', '/redirect'),
      source('down', '/fail'),
      source('slow', '/hang'),
      source('junk', '/garbage', { format: 'google-json' }),
      source('junk-lines', '/garbage'),
      source('huge', '/big', { maxBytes: 1024 * 1024 }),
    ];
    const run = await updateDatasets({ dir, sources, timeoutMs: 1_500 });
    const byId = Object.fromEntries(run.results.map((r) => [r.id, r]));
    expect(run.ok).toBe(false);
    expect(run.results.map((r) => r.id)).toEqual(sources.map((s) => s.id));

    for (const id of ['aws', 'googlebot', 'tor-exits', 'azure', 'cloudflare-ipv4']) {
      const r = byId[id]!;
      expect([id, r.ok, r.error]).toEqual([id, true, undefined]);
      const written = readFileSync(join(run.dir, r.file!));
      expect(r.bytes).toBe(written.byteLength);
      expect(r.sha256).toBe(createHash('sha256').update(written).digest('hex'));
      expect(r.entries).toBeGreaterThan(0);
    }
    expect(byId.azure!.url).toBe(`${base}/download/ServiceTags_Public_20260622.json`);

    expect(byId.down).toMatchObject({ ok: false, code: 'FETCH_FAILED' });
    expect(byId.down!.error).toMatch(/HTTP 503/u);
    expect(byId.slow).toMatchObject({ ok: false, code: 'FETCH_FAILED' });
    expect(byId.slow!.error).toMatch(/timed out/u);
    expect(byId.junk).toMatchObject({ ok: false, code: 'INPUT_INVALID' });
    expect(byId.junk!.error).toMatch(/not valid JSON/u);
    expect(byId['junk-lines']).toMatchObject({ ok: false, code: 'INPUT_INVALID' });
    expect(byId.huge).toMatchObject({ ok: false, code: 'LIMIT_EXCEEDED' });
    for (const id of ['down', 'slow', 'junk', 'junk-lines', 'huge']) expect(existsSync(join(run.dir, `${id}.txt`))).toBe(false);
    // No temporary files left behind.
    expect(readdirSync(run.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const manifest = JSON.parse(readFileSync(run.manifest, 'utf8')) as { sources: Record<string, { sha256: string }> };
    expect(Object.keys(manifest.sources).sort()).toEqual(['aws', 'azure', 'cloudflare-ipv4', 'googlebot', 'tor-exits']);
    expect(manifest.sources.aws!.sha256).toBe(byId.aws!.sha256);
  });

  it('keeps the previous file and manifest entry when a later download is garbage', async () => {
    const good = await updateDatasets({ dir, sources: [source('cloudflare-ipv4', '/snap/cloud/cloudflare-ips-v4.txt')] });
    expect(good.ok).toBe(true);
    const before = readFileSync(join(good.dir, 'cloudflare-ipv4.txt'));
    const bad = await updateDatasets({ dir, sources: [source('cloudflare-ipv4', '/garbage')] });
    expect(bad.ok).toBe(false);
    expect(readFileSync(join(bad.dir, 'cloudflare-ipv4.txt'))).toEqual(before);
    const manifest = JSON.parse(readFileSync(bad.manifest, 'utf8')) as { sources: Record<string, { sha256: string }> };
    expect(manifest.sources['cloudflare-ipv4']!.sha256).toBe(good.results[0]!.sha256);
  });

  it('feeds classifyIp: the cache directory is what the classifier reads', async () => {
    // File names here are those of datasets/ip-sources.json, so the default loader finds them.
    const fresh = mkdtempSync(join(tmpdir(), 'pg-datasets-'));
    const run = await updateDatasets({
      dir: fresh,
      sources: [
        source('azure', '/azure-page', { format: 'azure-service-tags', name: 'Azure', file: 'azure.json', resolve: 'azure-download-page' }),
        source('aws', '/snap/cloud/aws-ip-ranges.json', { format: 'aws-json', name: 'AWS', file: 'aws.json' }),
        source('googlebot', '/snap/crawlers/googlebot.json', { format: 'google-json', network: 'crawler', name: 'Googlebot', file: 'googlebot.json' }),
      ],
    });
    expect(run.ok).toBe(true);
    const ips = createIpClassifier({ dir: fresh, asnDatabase: false });
    rmSync(fresh, { recursive: true, force: true });
    expect(ips.status.lists.filter((l) => l.from === 'cache').map((l) => [l.id, l.error])).toEqual([
      ['googlebot', undefined],
      ['aws', undefined],
      ['azure', undefined],
    ]);
    expect(ips.classify('66.249.66.1')).toMatchObject({ network: 'crawler', name: 'Googlebot', source: 'googlebot' });
    expect(ips.classify('3.5.140.2')).toMatchObject({ network: 'hosting', name: 'AWS', source: 'aws' });
    expect(ips.classify('20.33.1.1')).toMatchObject({ network: 'hosting', name: 'Azure', source: 'azure' });
  });
});
