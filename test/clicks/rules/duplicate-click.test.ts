import { duplicateClick } from '../../../src/clicks/rules/duplicate-click.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './duplicate-click.cases.js';

ruleTester(duplicateClick, cases);
