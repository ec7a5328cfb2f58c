import { anonymizerIp } from '../../../src/clicks/rules/anonymizer-ip.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

/** The firing and quiet cases of `anonymizerIp` (listed in its docs page). */
export const cases = ruleCases(anonymizerIp, {
  valid: [
    { name: 'consumer network', features: clickFeatures() },
    { name: 'iCloud Private Relay is ordinary Safari traffic', features: clickFeatures({ ip: { network: 'relay', provider: 'iCloud Private Relay' } }) },
  ],
  invalid: [
    { name: 'tor', features: clickFeatures({ ip: { network: 'tor', provider: 'Tor' } }), hits: [{ messageId: 'anonymizer', evidence: { network: 'tor' }, confidence: 1 }] },
    { name: 'vpn', features: clickFeatures({ ip: { network: 'vpn', provider: 'NordVPN' } }), hits: [{ messageId: 'anonymizer', evidence: { network: 'vpn', provider: 'NordVPN' }, confidence: 0.7 }] },
    { name: 'relay when configured', features: clickFeatures({ ip: { network: 'relay', provider: 'iCloud Private Relay' } }), options: { networks: { relay: 0.2 } }, hits: [{ messageId: 'anonymizer', evidence: { network: 'relay' }, confidence: 0.2 }] },
  ],
});
