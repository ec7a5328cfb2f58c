import { prohibitedContent } from '../../../src/site/rules/prohibited-content.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './prohibited-content.cases.js';

ruleTester(prohibitedContent, cases);
