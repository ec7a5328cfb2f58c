import { missingPolicyPages } from '../../../src/site/rules/missing-policy-pages.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './missing-policy-pages.cases.js';

ruleTester(missingPolicyPages, cases);
