import { thinContent } from '../../../src/site/rules/thin-content.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './thin-content.cases.js';

ruleTester(thinContent, cases);
