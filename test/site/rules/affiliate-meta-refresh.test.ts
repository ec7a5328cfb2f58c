import { affiliateMetaRefresh } from '../../../src/site/rules/affiliate-meta-refresh.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './affiliate-meta-refresh.cases.js';

ruleTester(affiliateMetaRefresh, cases);
