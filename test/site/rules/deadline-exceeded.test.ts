import { deadlineExceeded } from '../../../src/site/rules/deadline-exceeded.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { cases } from './deadline-exceeded.cases.js';

ruleTester(deadlineExceeded, cases);
