import { scriptLoadedAffiliate } from '../../../src/site/rules/script-loaded-affiliate.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './script-loaded-affiliate.cases.js';

ruleTester(scriptLoadedAffiliate, cases);
