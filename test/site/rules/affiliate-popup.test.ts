import { affiliatePopup } from '../../../src/site/rules/affiliate-popup.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './affiliate-popup.cases.js';

ruleTester(affiliatePopup, cases);
