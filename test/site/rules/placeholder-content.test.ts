import { placeholderContent } from '../../../src/site/rules/placeholder-content.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './placeholder-content.cases.js';

ruleTester(placeholderContent, cases);
