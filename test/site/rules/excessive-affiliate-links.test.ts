import { excessiveAffiliateLinks } from '../../../src/site/rules/excessive-affiliate-links.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './excessive-affiliate-links.cases.js';

ruleTester(excessiveAffiliateLinks, cases);
