import { redirectChainNetwork } from '../../../src/site/rules/redirect-chain-network.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './redirect-chain-network.cases.js';

ruleTester(redirectChainNetwork, cases);
