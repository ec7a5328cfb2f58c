import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchRefusedError } from '../../src/engine/errors.js';
import {
  assertFetchable,
  assertFetchableUrl,
  classifyAddress,
  createGuardedConnector,
  isAddressAllowed,
  resolveGuardPolicy,
} from '../../src/site/ssrf-guard.js';
import type { LookupFunction } from '../../src/site/fetch-types.js';
import { html, startSiteServer } from '../helpers/http-server.js';
import type { SiteServer } from '../helpers/http-server.js';

function refusal(fn: () => unknown): FetchRefusedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FetchRefusedError);
    return error as FetchRefusedError;
  }
  throw new Error('expected a FetchRefusedError');
}

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'teredo'],
    ['::7f00:1', 'ipv4Compatible'],
    ['::ffff:127.0.0.1', 'ipv4Mapped:loopback'],
    ['::ffff:7f00:1', 'ipv4Mapped:loopback'],
    ['::ffff:169.254.169.254', 'ipv4Mapped:linkLocal'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052:linkLocal'],
    ['64:ff9b::10.0.0.1', 'rfc6052:private'],
    ['2002:7f00:1::', '6to4:loopback'],
    ['2002:c0a8:101::1', '6to4:private'],
  ])('%s is %s and not allowed', (address, range) => {
    expect(classifyAddress(address)?.range).toBe(range);
    expect(isAddressAllowed(address, 'deny')).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])('%s is public', (address) => {
    expect(classifyAddress(address)?.range).toBe('public');
    expect(isAddressAllowed(address, 'deny')).toBe(true);
  });

  it('allows only loopback in loopback mode', () => {
    expect(isAddressAllowed('127.0.0.1', 'loopback')).toBe(true);
    expect(isAddressAllowed('127.8.9.10', 'loopback')).toBe(true);
    expect(isAddressAllowed('::1', 'loopback')).toBe(true);
    expect(isAddressAllowed('::ffff:127.0.0.1', 'loopback')).toBe(true);
    expect(isAddressAllowed('169.254.169.254', 'loopback')).toBe(false);
    expect(isAddressAllowed('10.0.0.1', 'loopback')).toBe(false);
    expect(isAddressAllowed('64:ff9b::7f00:1', 'loopback')).toBe(false);
    expect(isAddressAllowed('10.0.0.1', 'allow')).toBe(true);
  });

  it('returns null for non-addresses', () => {
    expect(classifyAddress('example.com')).toBeNull();
    expect(classifyAddress('0x7f000001')).toBeNull();
    expect(isAddressAllowed('example.com', 'allow')).toBe(false);
  });
});

describe('assertFetchableUrl', () => {
  it.each([
    'http://127.0.0.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://127.1/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://127.0.0.1./',
    'http://%31%32%37.0.0.1/',
    'http://０x7f000001/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:a9fe:a9fe::]/',
    'http://100.64.0.1/',
    'http://10.0.0.1/',
    'http://192.168.0.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://0/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://localhost/',
    'http://LOCALHOST./',
    'http://admin.localhost/',
  ])('refuses %s as a private address', (url) => {
    expect(refusal(() => assertFetchableUrl(url)).reason).toBe('private-address');
  });

  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['ftp://example.com/', 'scheme'],
    ['gopher://example.com/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['data:text/html,hi', 'scheme'],
    ['http://user:pass@example.com/', 'credentials'],
    ['http://user@example.com/', 'credentials'],
    ['http://example.com:22/', 'port'],
    ['https://example.com:6379/', 'port'],
    ['not a url', 'invalid-url'],
    ['/relative', 'invalid-url'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(refusal(() => assertFetchableUrl(url)).reason).toBe(reason);
  });

  it('accepts public URLs on the default ports', () => {
    for (const url of ['http://example.com/', 'https://example.com:443/x', 'http://93.184.216.34:8080/', 'https://[2606:4700::1111]:8443/']) {
      expect(assertFetchableUrl(url).href).toBe(new URL(url).href);
    }
  });

  it('names the port fix in the message', () => {
    expect(refusal(() => assertFetchableUrl('http://example.com:9999/')).message).toContain('allowedPorts');
  });

  it('lets allowedPorts and allowPrivateNetwork widen the policy', () => {
    expect(() => assertFetchableUrl('http://example.com:9999/', { allowedPorts: [9999] })).not.toThrow();
    expect(() => assertFetchableUrl('http://10.0.0.1:9999/', { allowPrivateNetwork: true })).not.toThrow();
    expect(() => assertFetchableUrl('http://127.0.0.1/', { allowPrivateNetwork: 'loopback' })).not.toThrow();
    expect(refusal(() => assertFetchableUrl('http://169.254.169.254/', { allowPrivateNetwork: 'loopback' })).reason).toBe('private-address');
    // Schemes and credentials stay refused whatever the network policy.
    expect(refusal(() => assertFetchableUrl('file:///etc/passwd', { allowPrivateNetwork: true })).reason).toBe('scheme');
    expect(refusal(() => assertFetchableUrl('http://a:b@10.0.0.1/', { allowPrivateNetwork: true })).reason).toBe('credentials');
  });

  it('rejects malformed options with InputError', () => {
    expect(() => resolveGuardPolicy({ allowedPorts: [0] })).toThrow(/allowedPorts/u);
    expect(() => resolveGuardPolicy({ allowPrivateNetwork: 'yes' as unknown as boolean })).toThrow(/allowPrivateNetwork/u);
  });
});

describe('assertFetchable (DNS)', () => {
  const answers = (...addresses: string[]): LookupFunction => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a public-looking name resolving to a private address', async () => {
    const error = await assertFetchable('https://innocent.example.com/', { lookup: answers('169.254.169.254') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).reason).toBe('private-address');
    expect((error as FetchRefusedError).address).toBe('169.254.169.254');
  });

  it('refuses when any one of several answers is private', async () => {
    const error = await assertFetchable('https://mixed.example.com/', { lookup: answers('93.184.216.34', '::1') }).catch((e: unknown) => e);
    expect((error as FetchRefusedError).address).toBe('::1');
  });

  it('refuses names that do not resolve', async () => {
    const failing: LookupFunction = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const error = await assertFetchable('https://nowhere.example.com/', { lookup: failing }).catch((e: unknown) => e);
    expect((error as FetchRefusedError).reason).toBe('unresolvable');
  });

  it('accepts names with only public answers', async () => {
    await expect(assertFetchable('https://fine.example.com/', { lookup: answers('93.184.216.34', '2606:4700::1111') })).resolves.toBeInstanceOf(URL);
  });
});

describe('createGuardedConnector (the address actually connected to)', () => {
  let server: SiteServer;
  beforeAll(async () => {
    server = await startSiteServer({ '*': html('ok') });
  });
  afterAll(async () => {
    await server.close();
  });

  function connect(policy: ReturnType<typeof resolveGuardPolicy>, hostname: string): Promise<unknown> {
    const connector = createGuardedConnector(policy);
    return new Promise((resolve) => {
      connector({ hostname, protocol: 'http:', port: String(server.port) }, (error, socket) => {
        socket?.destroy();
        resolve(error ?? 'connected');
      });
    });
  }

  it('refuses the socket when an IP literal bypasses lookup and the URL check', async () => {
    const error = await connect(resolveGuardPolicy({}), '127.0.0.1');
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).address).toBe('127.0.0.1');
  });

  it('refuses in lookup when a name resolves to loopback', async () => {
    const error = await connect(resolveGuardPolicy({ lookup: server.lookup }), 'rebound.example.com');
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).reason).toBe('private-address');
  });

  it('connects when the policy allows loopback', async () => {
    expect(await connect(resolveGuardPolicy({ allowPrivateNetwork: 'loopback', lookup: server.lookup }), 'site.example.com')).toBe('connected');
  });
});

describe('the public entry point', () => {
  it('exports the assertFetchable the README names, and it refuses loopback', async () => {
    const api = await import('../../src/index.js');
    await expect(api.assertFetchable('http://127.0.0.1:8080/')).rejects.toBeInstanceOf(FetchRefusedError);
    expect(() => api.assertFetchableUrl('http://[::ffff:127.0.0.1]/')).toThrow(FetchRefusedError);
    await expect(api.assertFetchable('https://93.184.215.14/')).resolves.toBeInstanceOf(URL);
  });
});
