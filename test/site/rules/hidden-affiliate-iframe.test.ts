import { hiddenAffiliateIframe } from '../../../src/site/rules/hidden-affiliate-iframe.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './hidden-affiliate-iframe.cases.js';

ruleTester(hiddenAffiliateIframe, cases);
