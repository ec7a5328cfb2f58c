import { affiliateJsRedirect } from '../../../src/site/rules/affiliate-js-redirect.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './affiliate-js-redirect.cases.js';

ruleTester(affiliateJsRedirect, cases);
